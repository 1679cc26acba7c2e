// Everything that decides who the admin is, built once per app: credentials, sessions, the login
// limiter, and how a request's session cookie is found.
import type { Request, Response } from 'express';
import type { Clock } from '../clock.ts';
import type { SettingRepository } from '../settings/setting.types.ts';
import { type AdminCredentials, createAdminCredentials } from './admin-credentials.ts';
import { type LoginLimiter, createLoginLimiter } from './login-limiter.ts';
import { isSecureRequest, readSessionCookie } from './session-cookie.ts';
import { type AdminSession, type SessionStore, createMemorySessionStore } from './session-store.ts';

export interface AdminAuth {
  credentials: AdminCredentials;
  sessions: SessionStore;
  limiter: LoginLimiter;
  publicUrl: string | undefined;
  /** The server's clock, so the page can show "3 minutes ago" right when the admin's clock is off. */
  now(): number;
  /** The session behind the request's cookie; `touch` counts the request as activity. */
  sessionOf(req: Request, touch: boolean): { id: string; session: AdminSession } | undefined;
  isSecure(req: Request): boolean;
}

export interface AdminAuthDeps {
  adminToken: string;
  settings: SettingRepository;
  clock: Clock;
  publicUrl: string | undefined;
  sessions?: SessionStore;
  limiter?: LoginLimiter;
}

export function createAdminAuth(deps: AdminAuthDeps): AdminAuth {
  const sessions = deps.sessions ?? createMemorySessionStore({ clock: deps.clock });
  const isSecure = (req: Request) => isSecureRequest(req, deps.publicUrl);
  return {
    credentials: createAdminCredentials(deps.adminToken, deps.settings),
    sessions,
    limiter: deps.limiter ?? createLoginLimiter({ clock: deps.clock }),
    publicUrl: deps.publicUrl,
    now: () => deps.clock.now(),
    isSecure,
    sessionOf(req, touch) {
      const id = readSessionCookie(req, isSecure(req));
      if (!id) return undefined;
      const session = touch ? sessions.touch(id) : sessions.peek(id);
      return session && { id, session };
    },
  };
}

/** What requireAdmin learned about the request, for routes that care (logout, the live stream). */
export interface AdminIdentity {
  via: 'token' | 'session';
  sessionId?: string;
}

export function adminIdentity(res: Response): AdminIdentity | undefined {
  return res.locals.admin as AdminIdentity | undefined;
}

/** The client's address for rate limiting (Express applies `trust proxy`). */
export const clientAddress = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
