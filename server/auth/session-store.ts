// Admin sessions, kept in this process's memory: a restart logs admins out, which is the price of
// needing no table (a SQLite store would implement the same interface behind a migration).
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';

const HOUR_MS = 60 * 60 * 1000;
export const SESSION_IDLE_MS = 12 * HOUR_MS;
export const SESSION_ABSOLUTE_MS = 7 * 24 * HOUR_MS;
/** Each login makes one; past this the oldest go first, so a login flood cannot exhaust memory. */
const MAX_SESSIONS = 1000;

export interface AdminSession {
  /** Sent back in X-CSRF-Token on every state-changing request made with the cookie. */
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  /** The earlier of the idle and the absolute expiry. */
  expiresAt: number;
}

export interface SessionStore {
  /** A new session; `id` is the cookie value and is never kept (only its hash is). */
  create(): { id: string; session: AdminSession };
  /** The live session for a cookie value, its idle timer restarted; undefined when unknown or expired. */
  touch(id: string): AdminSession | undefined;
  /** Like touch, without counting as activity (an open live stream is not the admin at work). */
  peek(id: string): AdminSession | undefined;
  remove(id: string): void;
  /** Logs out every other session (after a password change). */
  removeOthers(id: string): void;
}

export interface SessionStoreOptions {
  clock: Clock;
  idleMs?: number;
  absoluteMs?: number;
}

// A memory dump or a log of the map's keys then reveals no usable cookie.
const keyOf = (id: string) => createHash('sha256').update(id).digest('base64url');

export function createMemorySessionStore(options: SessionStoreOptions): SessionStore {
  const { clock, idleMs = SESSION_IDLE_MS, absoluteMs = SESSION_ABSOLUTE_MS } = options;
  const sessions = new Map<string, AdminSession>();

  const expiry = (session: AdminSession) => Math.min(session.createdAt + absoluteMs, session.lastSeenAt + idleMs);

  function live(id: string): AdminSession | undefined {
    if (typeof id !== 'string' || id.length === 0 || id.length > 200) return undefined;
    const key = keyOf(id);
    const session = sessions.get(key);
    if (!session) return undefined;
    if (clock.now() >= session.expiresAt) {
      sessions.delete(key);
      return undefined;
    }
    return session;
  }

  function makeRoom() {
    const now = clock.now();
    for (const [key, session] of sessions) if (now >= session.expiresAt) sessions.delete(key);
    // Map iteration follows insertion order: the first keys are the oldest logins.
    for (const key of sessions.keys()) {
      if (sessions.size < MAX_SESSIONS) break;
      sessions.delete(key);
    }
  }

  return {
    create() {
      makeRoom();
      const id = randomBytes(32).toString('base64url');
      const now = clock.now();
      const session: AdminSession = {
        csrfToken: randomBytes(32).toString('base64url'),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: 0,
      };
      session.expiresAt = expiry(session);
      sessions.set(keyOf(id), session);
      return { id, session };
    },
    touch(id) {
      const session = live(id);
      if (!session) return undefined;
      session.lastSeenAt = clock.now();
      session.expiresAt = expiry(session);
      return session;
    },
    peek: live,
    remove(id) {
      sessions.delete(keyOf(id));
    },
    removeOthers(id) {
      const keep = keyOf(id);
      for (const key of sessions.keys()) if (key !== keep) sessions.delete(key);
    },
  };
}
