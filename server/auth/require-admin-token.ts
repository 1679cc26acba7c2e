// Admin API access: `Authorization: Bearer <ADMIN_TOKEN>` for scripts (no CSRF possible: browsers
// never attach it on their own), or the admin page's session cookie, whose state-changing requests
// must also pass the same-origin and CSRF-token checks. Wrong tokens count as failed logins.
import type { RequestHandler } from 'express';
import { HttpError } from '../errors.ts';
import { type AdminAuth, type AdminIdentity, clientAddress } from './admin-auth.ts';
import { assertCsrfToken, assertSameOrigin, isSafeMethod } from './csrf.ts';

export function tooManyAttempts(retryAfterMs: number): HttpError {
  const seconds = Math.ceil(retryAfterMs / 1000);
  return new HttpError(
    429,
    'too-many-attempts',
    `Too many failed logins from your address; try again in ${seconds} s`,
    {
      'Retry-After': String(seconds),
    },
  );
}

export const unauthorized = () =>
  new HttpError(
    401,
    'unauthorized',
    'Log in at /admin, or send the admin token as "Authorization: Bearer <ADMIN_TOKEN>"',
    { 'WWW-Authenticate': 'Bearer realm="proofhook"' },
  );

export function requireAdmin(auth: AdminAuth): RequestHandler {
  return (req, res, next) => {
    try {
      const header = req.get('authorization');
      let identity: AdminIdentity;
      if (header !== undefined) {
        const ip = clientAddress(req);
        const wait = auth.limiter.retryAfterMs(ip);
        if (wait > 0) throw tooManyAttempts(wait);
        const match = /^Bearer\s+(.+)$/i.exec(header.trim());
        if (!match?.[1] || !auth.credentials.isTokenSync(match[1].trim())) {
          auth.limiter.recordFailure(ip);
          throw unauthorized();
        }
        identity = { via: 'token' };
      } else {
        const current = auth.sessionOf(req, true);
        if (!current) throw unauthorized();
        if (!isSafeMethod(req.method)) {
          assertSameOrigin(req, auth.publicUrl);
          assertCsrfToken(req, current.session);
        }
        identity = { via: 'session', sessionId: current.id };
      }
      res.locals.admin = identity;
      next();
    } catch (error) {
      next(error);
    }
  };
}
