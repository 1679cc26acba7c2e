// CSRF defence for cookie-authenticated admin requests, in three layers: the SameSite=Strict cookie,
// a same-origin check on Sec-Fetch-Site and Origin, and a session-bound token in X-CSRF-Token.
// https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { HttpError } from '../errors.ts';
import type { AdminSession } from './session-store.ts';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string) => SAFE_METHODS.has(method.toUpperCase());

const forbidden = (message: string) => new HttpError(403, 'cross-origin-request', message);

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Throws unless the request says it came from a page of this server. Browsers send Sec-Fetch-Site
 * (all current ones) and Origin (on every POST/PUT/PATCH/DELETE); a header that is absent proves
 * nothing either way, so the token check below still has to pass.
 */
export function assertSameOrigin(req: Request, publicUrl: string | undefined): void {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') {
    throw forbidden(`Refused a ${site} request: admin changes can only come from the admin page itself`);
  }
  const origin = req.get('origin');
  if (origin === undefined) return;
  const own = [`${req.protocol}://${req.get('host') ?? ''}`, publicUrl && originOf(publicUrl)];
  if (!own.includes(origin)) {
    throw forbidden(`Refused a request from ${origin}: admin changes can only come from the admin page itself`);
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export function assertCsrfToken(req: Request, session: AdminSession): void {
  const sent = req.get(CSRF_HEADER) ?? '';
  if (sent === '' || !timingSafeEqual(digest(sent), digest(session.csrfToken))) {
    throw new HttpError(
      403,
      'csrf-token-invalid',
      `Send the session's CSRF token in ${CSRF_HEADER} (reload the admin page)`,
    );
  }
}
