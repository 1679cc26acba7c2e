// The admin session cookie: HttpOnly, SameSite=Strict, Path=/, and Secure with the __Host- prefix
// whenever the admin is reached over https (the prefix makes the browser refuse a Domain or a
// non-Secure overwrite). https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#cookie_prefixes
import type { Request, Response } from 'express';

const PLAIN_NAME = 'proofhook_admin';
const SECURE_NAME = '__Host-proofhook_admin';

/** https when the request came in over it (or through a trusted proxy that says so), or PUBLIC_URL is https. */
export function isSecureRequest(req: Request, publicUrl: string | undefined): boolean {
  return req.secure || Boolean(publicUrl?.startsWith('https://'));
}

export function readSessionCookie(req: Request, secure: boolean): string | undefined {
  const wanted = secure ? SECURE_NAME : PLAIN_NAME;
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== wanted) continue;
    const value = part.slice(index + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

export function setSessionCookie(res: Response, value: string, secure: boolean, maxAgeMs: number): void {
  res.cookie(secure ? SECURE_NAME : PLAIN_NAME, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: maxAgeMs,
  });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(secure ? SECURE_NAME : PLAIN_NAME, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}
