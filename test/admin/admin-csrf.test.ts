// Cookie-authenticated changes must come from the admin page itself: a request forged by another
// site fails on Sec-Fetch-Site, on Origin, or for want of the session's CSRF token. Bearer scripts
// need none of that (a browser never attaches an Authorization header by itself).
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type AdminLogin, adminPage, loginAdmin } from '../support/admin-session.ts';
import { ADMIN_TOKEN, type TestApp, createTestApp } from '../support/test-app.ts';

let t: TestApp;
let login: AdminLogin;
beforeEach(async () => {
  t = createTestApp({ publicUrl: 'https://proof.example.com' });
  login = await loginAdmin(t);
});
afterEach(() => t.close());

const createSite = () => request(t.app).post('/api/sites').set('Cookie', login.cookie).send({ name: 'Forged' });

describe('CSRF', () => {
  test('the admin page itself (same origin, with the token) may change things', async () => {
    await createSite().set('Sec-Fetch-Site', 'same-origin').set('X-CSRF-Token', login.csrfToken).expect(201);
    await createSite().set('Origin', 'https://proof.example.com').set('X-CSRF-Token', login.csrfToken).expect(201);
  });

  test.each([
    [
      'a cross-site request, even with the token',
      { 'Sec-Fetch-Site': 'cross-site', 'X-CSRF-Token': 'TOKEN' },
      'cross-origin-request',
    ],
    [
      'a same-site request from a sibling subdomain',
      { 'Sec-Fetch-Site': 'same-site', 'X-CSRF-Token': 'TOKEN' },
      'cross-origin-request',
    ],
    [
      'another Origin, even with the token',
      { Origin: 'https://evil.example', 'X-CSRF-Token': 'TOKEN' },
      'cross-origin-request',
    ],
    [
      'an opaque origin (sandboxed frame, data: URL)',
      { Origin: 'null', 'X-CSRF-Token': 'TOKEN' },
      'cross-origin-request',
    ],
    ['a same-origin request without the token', { 'Sec-Fetch-Site': 'same-origin' }, 'csrf-token-invalid'],
    [
      'a same-origin request with a wrong token',
      { 'Sec-Fetch-Site': 'same-origin', 'X-CSRF-Token': 'guess' },
      'csrf-token-invalid',
    ],
    ['an old browser sending neither header nor token', {}, 'csrf-token-invalid'],
  ])('refuses %s with 403', async (_name, headers, code) => {
    const withToken = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, value === 'TOKEN' ? login.csrfToken : value]),
    );
    const res = await createSite().set(withToken).expect(403);
    expect(res.body.error.code).toBe(code);
    const sites = await t.api.get('/api/sites').expect(200);
    expect(sites.body.sites).toEqual([]);
  });

  test('a token from another session does not do', async () => {
    const other = await loginAdmin(t);
    await createSite().set('Sec-Fetch-Site', 'same-origin').set('X-CSRF-Token', other.csrfToken).expect(403);
  });

  test('every state-changing method is checked: PATCH, DELETE, erase, replay, send test, logout', async () => {
    const page = adminPage(t, login);
    const site = (await page.post('/api/sites', { name: 'Shop' }).expect(201)).body;
    const forged = (req: request.Test) => req.set('Cookie', login.cookie).set('Origin', 'https://evil.example');
    await forged(request(t.app).patch(`/api/sites/${site.id}`))
      .send({ name: 'Pwned' })
      .expect(403);
    await forged(request(t.app).delete(`/api/sites/${site.id}`)).expect(403);
    await forged(request(t.app).post('/api/erase')).send({ email: 'a@example.com' }).expect(403);
    await forged(request(t.app).delete('/admin/api/session')).expect(403);
    await forged(request(t.app).put('/admin/api/password'))
      .send({ current: ADMIN_TOKEN, password: 'x'.repeat(20) })
      .expect(403);
    expect((await page.get(`/api/sites/${site.id}`).expect(200)).body.name).toBe('Shop');
    await page.get('/admin/api/session').expect(200);
  });

  test('a login forced from another site is refused (login CSRF)', async () => {
    await request(t.app)
      .post('/admin/api/session')
      .set('Origin', 'https://evil.example')
      .send({ secret: ADMIN_TOKEN })
      .expect(403);
    await request(t.app)
      .post('/admin/api/session')
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ secret: ADMIN_TOKEN })
      .expect(403);
  });

  test('scripts with the bearer token need no CSRF token', async () => {
    await request(t.app)
      .post('/api/sites')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ name: 'From a script' })
      .expect(201);
  });

  test('a wrong bearer header is refused even when a valid session cookie rides along', async () => {
    await request(t.app)
      .get('/api/sites')
      .set('Cookie', login.cookie)
      .set('Authorization', 'Bearer nope-nope-nope')
      .expect(401);
  });
});
