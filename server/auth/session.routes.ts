// The admin page's session: log in (token or password) → HttpOnly cookie + CSRF token, read it,
// log out, and set the password. Mounted under /admin/api.
import express, { type Request, Router } from 'express';
import { z } from 'zod';
import type { SessionInfo } from '../../shared/session.ts';
import { HttpError } from '../errors.ts';
import { validateInput } from '../validate.ts';
import { type AdminAuth, clientAddress } from './admin-auth.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './admin-credentials.ts';
import { assertCsrfToken, assertSameOrigin } from './csrf.ts';
import { tooManyAttempts, unauthorized } from './require-admin-token.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';
import { type AdminSession, SESSION_ABSOLUTE_MS } from './session-store.ts';

const secret = z.string().min(1).max(MAX_PASSWORD_LENGTH);
const loginInput = z.object({ secret }).strict();
const passwordInput = z
  .object({
    current: secret,
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(MAX_PASSWORD_LENGTH),
  })
  .strict();

export function createSessionRouter(auth: AdminAuth): Router {
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  const view = async (session: AdminSession): Promise<SessionInfo> => ({
    authenticated: true,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    passwordSet: await auth.credentials.hasPassword(),
    serverTime: auth.now(),
  });

  /** Counts a wrong secret against the address; throws 429 while the address is blocked. */
  async function checkSecret(req: Request, value: string) {
    const ip = clientAddress(req);
    const wait = auth.limiter.retryAfterMs(ip);
    if (wait > 0) throw tooManyAttempts(wait);
    const kind = await auth.credentials.verify(value);
    if (!kind) {
      auth.limiter.recordFailure(ip);
      throw new HttpError(401, 'invalid-credentials', 'That is neither the admin token nor the admin password');
    }
    auth.limiter.recordSuccess(ip);
    return kind;
  }

  /** The session of a state-changing request, after the same-origin and CSRF checks. */
  function changingSession(req: Request) {
    const current = auth.sessionOf(req, true);
    if (!current) throw unauthorized();
    assertSameOrigin(req, auth.publicUrl);
    assertCsrfToken(req, current.session);
    return current;
  }

  router.post('/session', async (req, res) => {
    // No session yet, so no CSRF token: the origin check stops a login forced from another site.
    assertSameOrigin(req, auth.publicUrl);
    const input = validateInput(loginInput, req.body);
    await checkSecret(req, input.secret);
    // A fresh id at every login, so a cookie planted beforehand (session fixation) is worthless.
    const previous = auth.sessionOf(req, false);
    if (previous) auth.sessions.remove(previous.id);
    const { id, session } = auth.sessions.create();
    setSessionCookie(res, id, auth.isSecure(req), SESSION_ABSOLUTE_MS);
    res
      .set('Cache-Control', 'no-store')
      .status(201)
      .json(await view(session));
  });

  // The admin page asks this on every load, the login page included: "not signed in" is an answer,
  // not an error, so it is a 200 (a 401 would be a console error on every visit to the login page).
  router.get('/session', async (req, res) => {
    const current = auth.sessionOf(req, true);
    res.set('Cache-Control', 'no-store').json(current ? await view(current.session) : { authenticated: false });
  });

  router.delete('/session', (req, res) => {
    const current = changingSession(req);
    auth.sessions.remove(current.id);
    clearSessionCookie(res, auth.isSecure(req));
    res.status(204).end();
  });

  router.put('/password', async (req, res) => {
    const current = changingSession(req);
    const input = validateInput(passwordInput, req.body);
    await checkSecret(req, input.current);
    await auth.credentials.setPassword(input.password);
    // Whoever was logged in elsewhere logs in again, with the new password or the token.
    auth.sessions.removeOthers(current.id);
    res.status(204).end();
  });

  router.use((req, _res, next) => next(new HttpError(404, 'not-found', `No admin route ${req.method} ${req.path}`)));
  return router;
}
