// The admin page and its preview: refused without a session, served with a strict CSP, no inline
// script or style, hashed assets cached for good, and webhook text inert in the preview's data.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ADMIN_DIST_DIR } from '../../server/admin/admin-pages.routes.ts';
import { jsonForScriptElement } from '../../server/preview/preview-page.ts';
import { adminPage, loginAdmin } from '../support/admin-session.ts';
import { type TestApp, createNotification, createTestApp } from '../support/test-app.ts';
import fs from 'node:fs';
import path from 'node:path';

const built = fs.existsSync(path.join(ADMIN_DIST_DIR, 'index.html'));
if (!built) console.warn('Skipping admin page tests: run `npm run build` first');

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

const cspOf = (res: request.Response) =>
  Object.fromEntries(
    String(res.headers['content-security-policy'])
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(' ')]),
  );

describe('without a session', () => {
  test.each(['/admin', '/admin/', '/admin/sites/1', '/admin/notifications/3/inspector', '/admin/account'])(
    'GET %s is refused: 303 to the login page, which comes back afterwards',
    async (url) => {
      const res = await request(t.app).get(url).expect(303);
      expect(res.headers.location).toBe(`/admin/login?next=${encodeURIComponent(url)}`);
      expect(res.text).not.toContain('<div id="app">');
    },
  );

  test.each([
    ['GET', '/api/sites'],
    ['GET', '/api/notifications/1/deliveries/stream'],
    ['GET', '/api/sites/1/overview'],
    ['POST', '/api/sites'],
    ['DELETE', '/admin/api/session'],
    ['PUT', '/admin/api/password'],
  ])('%s %s is a 401', async (method, url) => {
    const res = await request(t.app)[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](url).expect(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  test('the session probe every admin page load makes answers "not signed in" without an error status', async () => {
    // A 401 here would be a console error on every visit to the login page.
    const res = await request(t.app).get('/admin/api/session').expect(200);
    expect(res.body).toEqual({ authenticated: false });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('the preview page is a 401 too', async () => {
    const { notification } = await createNotification(t);
    await request(t.app).get(`/admin/preview/${notification.id}`).expect(401);
  });

  test.skipIf(!built)('the login page and the assets it needs are public (they hold no data)', async () => {
    const login = await request(t.app).get('/admin/login').expect(200);
    const scripts = [...login.text.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1] as string);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const asset = await request(t.app).get(src).expect(200);
      expect(asset.headers['cache-control']).toContain('immutable');
    }
  });
});

describe.skipIf(!built)('with a session', () => {
  test('the shell comes with a strict CSP (helmet), no inline script or style, and cannot be framed', async () => {
    const page = adminPage(t, await loginAdmin(t));
    const res = await page.get('/admin/sites/1').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const csp = cspOf(res);
    expect(csp).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': "'self'",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'self'",
      'require-trusted-types-for': "'script'",
    });
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-|https?:\/\/|\*/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    // Every script is external and same-origin; no style attribute or element; no CDN.
    expect(res.text).not.toMatch(/<script(?![^>]*\ssrc="\/admin\/assets\/)[^>]*>/);
    expect(res.text).not.toMatch(/\sstyle=|<style/);
    expect(res.text).not.toMatch(/https?:\/\//);
  });

  test('the admin source never writes HTML, and the bundle loads nothing from elsewhere', () => {
    const sourceDir = path.resolve(import.meta.dirname, '../../admin/src');
    const sources = fs.readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      const code = fs.readFileSync(path.join(sourceDir, file), 'utf8');
      const writesHtml =
        /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/;
      expect(writesHtml.test(code), `${file} writes HTML or evaluates code`).toBe(false);
    }
    const assets = path.join(ADMIN_DIST_DIR, 'assets');
    for (const file of fs.readdirSync(assets)) {
      const code = fs.readFileSync(path.join(assets, file), 'utf8');
      // Allowed: XML namespace names (never fetched) and placeholder text on the reserved example.com.
      const remote = code.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s`'"]*/gi) ?? [];
      expect(
        remote.filter((url) => !/\/\/www\.w3\.org\/|[./]example\.com\b/.test(url)),
        file,
      ).toEqual([]);
    }
  });

  test('the preview page embeds the real widget, no network, and webhook text as inert JSON', async () => {
    const page = adminPage(t, await loginAdmin(t));
    const { notification, hookPath } = await createNotification(t);
    const hostile = '</script><script>alert(1)</script><!--';
    await request(t.app)
      .post(hookPath)
      .send({ email: 'x@example.com', firstName: 'Ann', productName: hostile })
      .expect(200);
    const res = await page.get(`/admin/preview/${notification.id}`).expect(200);
    const csp = cspOf(res);
    expect(csp['connect-src']).toBe("'none'");
    expect(csp['frame-ancestors']).toBe("'self'");
    const nonce = /'nonce-([^']+)'/.exec(csp['style-src'] as string)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.text).toContain(`<script src="/widget.js" data-key="preview-`);
    expect(res.text).toContain(`nonce="${nonce}"`);
    expect(res.text).not.toContain(hostile);
    expect(res.text).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)');
    const data = /<script type="application\/json" id="proofhook-preview-data">([^<]*)<\/script>/.exec(res.text)?.[1];
    const payload = JSON.parse(data as string);
    expect(payload.conversions[0].message).toContain('</script>');
    expect(payload.notifications[0]).toMatchObject({ id: notification.id, kind: 'stream' });
    // Never counted and never shown twice as "already seen": its own key, fast timing, repeat.
    expect(payload.notifications[0].display).toMatchObject({ firstDelayMs: 300, loop: true });
    expect(payload.conversions[0]).not.toHaveProperty('email');
  });

  test('a notification without conversions previews a sample', async () => {
    const page = adminPage(t, await loginAdmin(t));
    const { notification } = await createNotification(t);
    const res = await page.get(`/admin/preview/${notification.id}`).expect(200);
    expect(res.text).toContain('data-sample="true"');
    expect(res.text).toContain('Maria G. from Austin, US');
  });

  test('jsonForScriptElement escapes everything that could end the element or start a comment', () => {
    const text = jsonForScriptElement({ a: '</script><!-- & \u2028' });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ a: '</script><!-- & \u2028' });
  });
});
