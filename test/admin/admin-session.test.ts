// The admin page's session: login with the token or the password, the cookie's attributes,
// logout, idle and absolute expiry, and the per-address limit on failed logins.
import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../server/auth/session-store.ts';
import { SAME_ORIGIN_HEADERS, adminPage, loginAdmin } from '../support/admin-session.ts';
import { ADMIN_TOKEN, type TestApp, createTestApp, stopTestApp } from '../support/test-app.ts';

let t: TestApp;
afterEach(() => t?.close());
// Behind a proxy on this machine (TRUST_PROXY=loopback), so X-Forwarded-For names the client.
let proxied: TestApp | undefined;
afterEach(() => proxied && stopTestApp(proxied));

const MINUTE = 60_000;

describe('login', () => {
  test('the admin token gives an HttpOnly, SameSite=Strict, Secure __Host- cookie when PUBLIC_URL is https', async () => {
    t = createTestApp({ publicUrl: 'https://proof.example.com' });
    const login = await loginAdmin(t);
    expect(login.setCookie).toMatch(/^__Host-proofhook_admin=[A-Za-z0-9_-]{43};/);
    expect(login.setCookie).toMatch(/; HttpOnly/i);
    expect(login.setCookie).toMatch(/; SameSite=Strict/i);
    expect(login.setCookie).toMatch(/; Secure/i);
    expect(login.setCookie).toMatch(/; Path=\//i);
    expect(login.setCookie).not.toMatch(/Domain=/i);
    expect(login.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('over plain http without PUBLIC_URL the cookie is not Secure (a browser would drop it)', async () => {
    t = createTestApp({ publicUrl: '' });
    const login = await loginAdmin(t);
    expect(login.setCookie).toMatch(/^proofhook_admin=/);
    expect(login.setCookie).not.toMatch(/Secure/i);
    expect(login.setCookie).toMatch(/HttpOnly/i);
  });

  test('the session cookie opens the admin API, and logout closes it on the server', async () => {
    t = createTestApp();
    const login = await loginAdmin(t);
    const page = adminPage(t, login);
    await page.get('/api/sites').expect(200);
    const session = await page.get('/admin/api/session').expect(200);
    expect(session.body).toMatchObject({ authenticated: true, csrfToken: login.csrfToken, passwordSet: false });

    const out = await page.delete('/admin/api/session').expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/);
    // The old cookie value is dead even if the browser kept it.
    await page.get('/api/sites').expect(401);
    expect((await page.get('/admin/api/session').expect(200)).body).toEqual({ authenticated: false });
  });

  test('a wrong secret is a 401 without a cookie', async () => {
    t = createTestApp();
    const res = await request(t.app)
      .post('/admin/api/session')
      .set(SAME_ORIGIN_HEADERS)
      .send({ secret: 'not-the-token' })
      .expect(401);
    expect(res.body.error.code).toBe('invalid-credentials');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  test('a body that is not JSON is refused, so a plain HTML form on another site cannot log in', async () => {
    t = createTestApp();
    await request(t.app).post('/admin/api/session').type('form').send({ secret: ADMIN_TOKEN }).expect(400);
  });

  test('each login makes a new session id (no fixation), and the cookie sent at login is dropped', async () => {
    t = createTestApp();
    const first = await loginAdmin(t);
    const second = await loginAdmin(t, ADMIN_TOKEN, { Cookie: first.cookie });
    expect(second.cookie).not.toBe(first.cookie);
    await adminPage(t, first).get('/api/sites').expect(401);
    await adminPage(t, second).get('/api/sites').expect(200);
  });
});

describe('session expiry', () => {
  test('a session idle for 12 hours has expired', async () => {
    t = createTestApp();
    const page = adminPage(t, await loginAdmin(t));
    t.clock.advance(SESSION_IDLE_MS - MINUTE);
    await page.get('/api/sites').expect(200);
    t.clock.advance(SESSION_IDLE_MS + 1);
    await page.get('/api/sites').expect(401);
  });

  test('activity keeps a session alive, but never past 7 days after login', async () => {
    t = createTestApp();
    const page = adminPage(t, await loginAdmin(t));
    const step = SESSION_IDLE_MS / 2;
    for (let elapsed = step; elapsed < SESSION_ABSOLUTE_MS; elapsed += step) {
      t.clock.advance(step);
      await page.get('/admin/api/session').expect(200);
    }
    t.clock.advance(step);
    await page.get('/api/sites').expect(401);
  });
});

describe('failed logins are rate limited per address', () => {
  const attempt = (secret: string, ip = '203.0.113.7') =>
    request((proxied as TestApp).app)
      .post('/admin/api/session')
      .set({ ...SAME_ORIGIN_HEADERS, 'X-Forwarded-For': ip })
      .send({ secret });

  test('the sixth attempt within 15 minutes is a 429 with Retry-After, even with the right token', async () => {
    proxied = createTestApp({ config: { trustProxy: ['loopback'] } });
    for (let i = 0; i < 5; i++) await attempt(`wrong-${i}`).expect(401);
    const blocked = await attempt(ADMIN_TOKEN).expect(429);
    expect(blocked.body.error.code).toBe('too-many-attempts');
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60);

    // Another address is not affected.
    await attempt(ADMIN_TOKEN, '198.51.100.20').expect(201);

    // Once the oldest failure leaves the window, one more attempt is allowed.
    proxied.clock.advance(15 * MINUTE);
    await attempt(ADMIN_TOKEN).expect(201);
  });

  test('addresses of one IPv6 /64 share a limit', async () => {
    proxied = createTestApp({ config: { trustProxy: ['loopback'] } });
    for (let i = 0; i < 5; i++) await attempt('wrong', `2001:db8:1:2::${i + 1}`).expect(401);
    await attempt(ADMIN_TOKEN, '2001:db8:1:2:ffff::9').expect(429);
    await attempt(ADMIN_TOKEN, '2001:db8:1:3::1').expect(201);
  });

  test('wrong bearer tokens on the API count as failed logins too', async () => {
    t = createTestApp();
    for (let i = 0; i < 5; i++) {
      await request(t.app).get('/api/sites').set('Authorization', 'Bearer nope-nope-nope').expect(401);
    }
    const res = await request(t.app).get('/api/sites').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(429);
    expect(res.headers['retry-after']).toBeDefined();
  });
});

describe('admin password', () => {
  test('set from a token session, it logs in, and every other session is logged out', async () => {
    t = createTestApp();
    const other = await loginAdmin(t);
    const mine = adminPage(t, await loginAdmin(t));
    await mine.put('/admin/api/password', { current: ADMIN_TOKEN, password: 'correct horse battery' }).expect(204);
    await adminPage(t, other).get('/api/sites').expect(401);
    await mine.get('/api/sites').expect(200);
    expect((await mine.get('/admin/api/session')).body.passwordSet).toBe(true);

    const withPassword = await loginAdmin(t, 'correct horse battery');
    await adminPage(t, withPassword).get('/api/sites').expect(200);
    // The token keeps working, for the page and for scripts.
    await loginAdmin(t, ADMIN_TOKEN);
    // The password is not a bearer token: scripts use the token.
    await request(t.app).get('/api/sites').set('Authorization', 'Bearer correct horse battery').expect(401);
    // Stored as a salted scrypt hash, never as the password.
    const stored = await t.storage.settings.get('admin_password');
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('correct horse battery');
  });

  test('needs the current secret and at least 12 characters', async () => {
    t = createTestApp();
    const page = adminPage(t, await loginAdmin(t));
    await page.put('/admin/api/password', { current: 'wrong', password: 'long enough password' }).expect(401);
    const short = await page.put('/admin/api/password', { current: ADMIN_TOKEN, password: 'short' }).expect(400);
    expect(short.body.error.message).toContain('password');
  });
});
