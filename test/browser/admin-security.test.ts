// The admin page under attack in Chromium: hostile webhook text stays inert in the inspector,
// pages of other origins (same-site and cross-site) cannot make the logged-in admin change
// anything, and a browser without a session sees only the login page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { beforeAll, describe, expect, test } from 'vitest';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { ADMIN_TOKEN, type TestApp, createNotification } from '../support/test-app.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const HOSTILE = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script>';

describe.skipIf(unavailable)('admin page security in Chromium', () => {
  const { app, shop } = useBrowserSuite({ publicUrl: '' });
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    ({ t, baseUrl, browser } = app);
  });

  async function loggedIn(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin/login`);
    await page.getByLabel('Admin token or password').fill(ADMIN_TOKEN);
    await page.getByLabel('Admin token or password').press('Enter');
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    return { context, page };
  }

  test('script and markup in a delivery show as inert text in the inspector', async () => {
    const { notification, hookPath } = await createNotification(t, { name: HOSTILE });
    await request(t.app)
      .post(`${hookPath}?note=${encodeURIComponent(HOSTILE)}`)
      .set('X-Evil', HOSTILE)
      .send({
        email: 'xss@example.com',
        firstName: HOSTILE,
        city: HOSTILE,
        productName: HOSTILE,
        productLink: 'javascript:alert(1)',
      })
      .expect(200);
    const [delivery] = (await t.api.get(`/api/notifications/${notification.id}/deliveries`)).body.deliveries;

    const { context, page } = await loggedIn();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Trusted Type/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${baseUrl}/admin/notifications/${notification.id}/inspector/${delivery.id}`);
    await page.getByRole('heading', { name: `Delivery #${delivery.id}` }).waitFor();
    const fields = page.getByRole('table', { name: 'Detected fields and where each was found' });
    await fields.getByRole('cell', { name: HOSTILE, exact: true }).first().waitFor();
    await expect(
      page.getByRole('table', { name: 'Request headers' }).getByRole('cell', { name: HOSTILE }).count(),
    ).resolves.toBe(1);
    await expect(page.locator('pre.body').textContent()).resolves.toContain('<script>window.__xss=2</script>');
    await expect(page.getByRole('heading', { name: HOSTILE, level: 1 }).isVisible()).resolves.toBe(true);
    await page.evaluate(() => document.fonts.ready); // the screenshot shows the page's own fonts
    await saveScreenshot(page, 'admin-inspector-xss-inert');
    await page.getByRole('link', { name: 'Conversions' }).click();
    await page.getByRole('cell', { name: 'xss@example.com', exact: true }).waitFor();
    await page.getByRole('cell', { name: HOSTILE, exact: true }).first().waitFor();

    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const injected = await page.evaluate(() => ({
      images: document.querySelectorAll('img').length,
      scripts: [...document.scripts].filter((s) => !s.src.includes('/admin/assets/')).length,
      javascriptLinks: document.querySelectorAll('a[href^="javascript"]').length,
    }));
    expect(injected).toEqual({ images: 0, scripts: 0, javascriptLinks: 0 });
    expect(violations).toEqual([]);
    await context.close();
  });

  test('Trusted Types are enforced: even a stray innerHTML on the admin page throws', async () => {
    const { context, page } = await loggedIn();
    const result = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return 'assigned';
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(result).toBe('TypeError');
    await context.close();
  });

  test('pages on other origins cannot make the logged-in admin change anything (CSRF)', async () => {
    const { context, page } = await loggedIn();
    const attack = `<!doctype html><html><body>
      <form id="f" method="POST" action="${baseUrl}/api/sites" enctype="text/plain" target="sink">
        <input name='{"name":"csrf-form","x":"' value='"}'>
      </form>
      <iframe name="sink"></iframe>
      <script>
        window.results = [];
        const go = async () => {
          for (const [url, init] of [
            ['${baseUrl}/api/sites', { method: 'POST', body: '{"name":"csrf-fetch"}', headers: { 'Content-Type': 'text/plain' } }],
            ['${baseUrl}/api/sites', { method: 'POST', body: '{"name":"csrf-json"}', headers: { 'Content-Type': 'application/json' } }],
            ['${baseUrl}/api/erase', { method: 'POST', body: '{"email":"a@example.com"}', headers: { 'Content-Type': 'text/plain' } }],
            ['${baseUrl}/admin/api/session', { method: 'DELETE' }],
          ]) {
            try {
              const res = await fetch(url, { ...init, credentials: 'include', mode: 'no-cors' });
              window.results.push(res.type);
            } catch (error) {
              window.results.push('blocked');
            }
          }
          document.getElementById('f').submit();
          window.done = true;
        };
        go();
      </script></body></html>`;
    shop.pages['/attack.html'] = { html: attack };
    const port = new URL(shop.url).port;
    // Same site, other origin (another port: the SameSite cookie is sent, the other layers must hold)
    // and another site altogether (localhost vs 127.0.0.1: the cookie stays home).
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const attacker = await context.newPage();
      // The form's POST is the last request the page makes: once answered, every attempt has been.
      const formAnswered = attacker.waitForResponse(
        (response) =>
          response.request().method() === 'POST' && (response.request().postData() ?? '').includes('csrf-form'),
      );
      await attacker.goto(`${origin}/attack.html`);
      await attacker.waitForFunction(() => (window as unknown as { done?: boolean }).done === true);
      await formAnswered;
      await attacker.close();
    }

    const sites = (await t.api.get('/api/sites').expect(200)).body.sites as Array<{ name: string }>;
    expect(sites.map((s) => s.name).filter((name) => name.startsWith('csrf'))).toEqual([]);
    // Still logged in: the forged logout did nothing either.
    const status = await page.evaluate(async () => (await fetch('/admin/api/session')).status);
    expect(status).toBe(200);
    await context.close();
  });

  test('a browser without a session sees the login page, and the API and preview refuse it', async () => {
    const { notification } = await createNotification(t);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin/notifications/${notification.id}/inspector`);
    await page.waitForURL(
      `${baseUrl}/admin/login?next=${encodeURIComponent(`/admin/notifications/${notification.id}/inspector`)}`,
    );
    await page.getByLabel('Admin token or password').waitFor();
    const statuses = await page.evaluate(
      async (id) =>
        Promise.all(
          ['/api/sites', `/api/notifications/${id}/conversions`, `/admin/preview/${id}`].map(
            async (url) => (await fetch(url)).status,
          ),
        ),
      notification.id,
    );
    expect(statuses).toEqual([401, 401, 401]);
    // Logging in returns to the page that was asked for.
    await page.getByLabel('Admin token or password').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${baseUrl}/admin/notifications/${notification.id}/inspector`);
    await page.getByRole('link', { name: 'Inspector', exact: true }).waitFor();
    await context.close();
  });
});
