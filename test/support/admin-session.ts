// Logs in to the admin page through its real session API and builds requests that carry the
// session cookie and CSRF token the way the admin page's own fetches do.
import request from 'supertest';
import { ADMIN_TOKEN, type AnyTestApp } from './test-app.ts';

export interface AdminLogin {
  /** `name=value`, ready for a Cookie header. */
  cookie: string;
  /** The whole Set-Cookie line, to check its attributes. */
  setCookie: string;
  csrfToken: string;
}

/** The origin a same-origin page of the test app sends (supertest's Host is 127.0.0.1:port). */
export const SAME_ORIGIN_HEADERS = { 'Sec-Fetch-Site': 'same-origin' };

export async function loginAdmin(
  t: AnyTestApp,
  secret = ADMIN_TOKEN,
  headers: Record<string, string> = {},
): Promise<AdminLogin> {
  const res = await request(t.app)
    .post('/admin/api/session')
    .set({ ...SAME_ORIGIN_HEADERS, ...headers })
    .send({ secret })
    .expect(201);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
  return { cookie: setCookie.split(';')[0] as string, setCookie, csrfToken: res.body.csrfToken };
}

/** Requests as the admin page makes them: cookie, CSRF token on changes, Sec-Fetch-Site: same-origin. */
export function adminPage(t: AnyTestApp, login: AdminLogin) {
  const withSession = (req: request.Test) => req.set('Cookie', login.cookie).set(SAME_ORIGIN_HEADERS);
  const changing = (req: request.Test) => withSession(req).set('X-CSRF-Token', login.csrfToken);
  return {
    get: (url: string) => withSession(request(t.app).get(url)),
    post: (url: string, body?: object) => changing(request(t.app).post(url)).send(body ?? {}),
    patch: (url: string, body: object) => changing(request(t.app).patch(url)).send(body),
    put: (url: string, body: object) => changing(request(t.app).put(url)).send(body),
    delete: (url: string) => changing(request(t.app).delete(url)),
  };
}
