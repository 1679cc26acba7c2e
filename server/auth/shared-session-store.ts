// Admin sessions shared by every Proofhook process (DATABASE_URL): each process keeps all of them in
// memory, because SessionStore answers synchronously, and PostgreSQL holds the truth. Changes are
// written through in order, told to the other processes over the cluster bus, and every process reloads
// the table once a minute, so a message lost while Redis was away heals by itself.
//
// One gap remains: the first request after a login may reach another process before the bus message.
// So the cookie value is signed with a secret all processes share, and carries its creation time; a
// process that does not know a freshly signed session yet accepts it as the one just made elsewhere.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { AdminSessionRepository, StoredSession } from './admin-session.postgres.ts';
import type { ClusterBus } from '../cluster/cluster-bus.ts';
import { type AdminSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, type SessionStore } from './session-store.ts';

/** How long after a login a process accepts the signed cookie without having heard of the session. */
export const PROPAGATION_GRACE_MS = 30_000;
/** Reload from PostgreSQL this often; also how late a missed logout can take effect elsewhere. */
export const RESYNC_INTERVAL_MS = 60_000;
/** Activity is written back at most this often per session: idle expiry is 12 h, a minute is nothing. */
const TOUCH_WRITE_INTERVAL_MS = 60_000;
const MAX_SESSIONS = 1000;
const TOPIC = 'admin-session';

type BusMessage =
  | { op: 'save'; session: StoredSession }
  | { op: 'touch'; key: string; lastSeenAt: number }
  | { op: 'remove'; key: string }
  | { op: 'remove-others'; keep: string; at: number };

export interface SharedSessionStore extends SessionStore {
  /** Reads the table again now (the periodic resync calls this). */
  resync(): Promise<void>;
  close(): void;
}

export interface SharedSessionStoreDeps {
  repository: AdminSessionRepository;
  bus?: ClusterBus;
  clock: Clock;
  logger: Logger;
}

const keyOf = (id: string) => createHash('sha256').update(id).digest('base64url');

export async function createSharedSessionStore(deps: SharedSessionStoreDeps): Promise<SharedSessionStore> {
  const { repository, bus, clock, logger } = deps;
  const secret = await repository.claimSecret(randomBytes(32).toString('base64url'));
  const sessions = new Map<string, StoredSession & { writtenSeenAt: number }>();
  /** Sessions removed recently: a reload or a signed cookie must not bring them back. */
  const removed = new Map<string, number>();
  /** A password change logged out every session created before `at` except `keep`. */
  let removedOthers = { at: 0, keep: '' };
  let writes: Promise<unknown> = Promise.resolve();

  const sign = (text: string) => createHmac('sha256', secret).update(text).digest('base64url');
  const expiresAt = (s: StoredSession) => Math.min(s.createdAt + SESSION_ABSOLUTE_MS, s.lastSeenAt + SESSION_IDLE_MS);
  const toView = (s: StoredSession): AdminSession => ({
    csrfToken: s.csrfToken,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    expiresAt: expiresAt(s),
  });

  /** Writes run one after another, so a logout can never overtake the login it undoes. */
  function write(what: string, work: () => Promise<unknown>) {
    writes = writes.then(work).catch((error: Error) => {
      logger.warn({ err: error }, `admin sessions: ${what} was not stored; it holds on this process only`);
    });
  }

  const isRevoked = (key: string, createdAt: number) =>
    removed.has(key) || (createdAt < removedOthers.at && key !== removedOthers.keep);

  function remember(stored: StoredSession, writtenSeenAt = stored.lastSeenAt) {
    if (isRevoked(stored.key, stored.createdAt)) return;
    const known = sessions.get(stored.key);
    if (known && known.lastSeenAt >= stored.lastSeenAt) return;
    sessions.set(stored.key, { ...stored, writtenSeenAt });
  }

  function forget(key: string) {
    sessions.delete(key);
    removed.set(key, clock.now());
  }

  function forgetAllExcept(keep: string, at: number) {
    if (at > removedOthers.at) removedOthers = { at, keep };
    for (const key of sessions.keys()) if (key !== keep) forget(key);
  }

  /** The session a signed cookie made elsewhere moments ago stands for, or undefined. */
  function fromSignedCookie(id: string, key: string): StoredSession | undefined {
    const [nonce, created, signature] = id.split('.');
    if (!nonce || !created || !signature) return undefined;
    const expected = Buffer.from(sign(`${nonce}.${created}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const createdAt = Number.parseInt(created, 36);
    const now = clock.now();
    if (!(createdAt > now - PROPAGATION_GRACE_MS && createdAt <= now + PROPAGATION_GRACE_MS)) return undefined;
    if (isRevoked(key, createdAt)) return undefined;
    return { key, csrfToken: sign(`csrf:${id}`), createdAt, lastSeenAt: createdAt };
  }

  function live(id: string): (StoredSession & { writtenSeenAt: number }) | undefined {
    if (typeof id !== 'string' || id.length === 0 || id.length > 200) return undefined;
    const key = keyOf(id);
    let session = sessions.get(key);
    if (!session) {
      const signed = fromSignedCookie(id, key);
      if (!signed) return undefined;
      remember(signed);
      session = sessions.get(key);
      if (!session) return undefined;
    }
    if (clock.now() >= expiresAt(session)) {
      sessions.delete(key);
      return undefined;
    }
    return session;
  }

  function makeRoom() {
    const now = clock.now();
    for (const [key, session] of sessions) if (now >= expiresAt(session)) sessions.delete(key);
    const oldestFirst = [...sessions.values()].sort((a, b) => a.lastSeenAt - b.lastSeenAt);
    for (const session of oldestFirst.slice(0, Math.max(0, sessions.size - MAX_SESSIONS + 1))) {
      forget(session.key);
      write('removing the oldest session', () => repository.remove(session.key));
    }
  }

  async function resync() {
    const now = clock.now();
    for (const [key, at] of removed) if (at < now - 2 * RESYNC_INTERVAL_MS) removed.delete(key);
    await repository.removeIdleSince(now - SESSION_IDLE_MS, now - SESSION_ABSOLUTE_MS);
    const stored = await repository.list();
    const inTable = new Set(stored.map((s) => s.key));
    for (const session of stored) remember(session);
    // Gone from the table means logged out elsewhere, unless it is so new that its write may be pending.
    for (const [key, session] of sessions) {
      if (!inTable.has(key) && session.createdAt < now - PROPAGATION_GRACE_MS) sessions.delete(key);
    }
  }

  bus?.subscribe(TOPIC, (raw) => {
    const message = raw as BusMessage;
    if (message.op === 'save') remember(message.session);
    else if (message.op === 'touch') {
      const known = sessions.get(message.key);
      if (known && known.lastSeenAt < message.lastSeenAt) {
        known.lastSeenAt = message.lastSeenAt;
        known.writtenSeenAt = message.lastSeenAt;
      }
    } else if (message.op === 'remove') forget(message.key);
    else if (message.op === 'remove-others') forgetAllExcept(message.keep, message.at);
  });

  await resync();
  const timer = setInterval(() => {
    resync().catch((error: Error) => logger.warn({ err: error }, 'admin sessions: reloading failed'));
  }, RESYNC_INTERVAL_MS);
  timer.unref();

  return {
    create() {
      makeRoom();
      const now = clock.now();
      const nonce = randomBytes(32).toString('base64url');
      const unsigned = `${nonce}.${now.toString(36)}`;
      const id = `${unsigned}.${sign(unsigned)}`;
      const stored: StoredSession = { key: keyOf(id), csrfToken: sign(`csrf:${id}`), createdAt: now, lastSeenAt: now };
      sessions.set(stored.key, { ...stored, writtenSeenAt: now });
      write('a new session', () => repository.save(stored));
      bus?.publish(TOPIC, { op: 'save', session: stored } satisfies BusMessage);
      return { id, session: toView(stored) };
    },
    touch(id) {
      const session = live(id);
      if (!session) return undefined;
      const now = clock.now();
      session.lastSeenAt = Math.max(session.lastSeenAt, now);
      if (now - session.writtenSeenAt >= TOUCH_WRITE_INTERVAL_MS) {
        session.writtenSeenAt = now;
        const { key } = session;
        write('session activity', () => repository.touch(key, now));
        bus?.publish(TOPIC, { op: 'touch', key, lastSeenAt: now } satisfies BusMessage);
      }
      return toView(session);
    },
    peek(id) {
      const session = live(id);
      return session && toView(session);
    },
    remove(id) {
      if (typeof id !== 'string') return;
      const key = keyOf(id);
      forget(key);
      write('a logout', () => repository.remove(key));
      bus?.publish(TOPIC, { op: 'remove', key } satisfies BusMessage);
    },
    removeOthers(id) {
      const keep = keyOf(id);
      const at = clock.now();
      forgetAllExcept(keep, at);
      write('logging out other sessions', () => repository.removeAllExcept(keep));
      bus?.publish(TOPIC, { op: 'remove-others', keep, at } satisfies BusMessage);
    },
    resync,
    close() {
      clearInterval(timer);
    },
  };
}
