// Form capture in Chromium: a shop's own sign-up page on another origin, with the widget and a form
// holding an email, a first name, a password, a hidden field and a card number. Sending the form
// stores a captured conversion that holds none of the secrets, the form's own POST still reaches the
// shop, and a second visitor's page shows the popup for the new sign-up.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { ADMIN_TOKEN } from '../support/test-app.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const SECRETS = ['hunter2-secret', 'campaign-hidden-42', '4242', '4000056655665556'];

function signUpPage(widgetTag: string) {
  return `<!doctype html><html><head><title>Join</title></head><body>
<h1>Join the club</h1>
<form id="signup" method="post" action="/join">
  <label>Email <input type="email" name="email"></label>
  <label>First name <input name="first_name" autocomplete="given-name"></label>
  <label>Password <input type="password" name="password"></label>
  <input type="hidden" name="campaign" value="campaign-hidden-42">
  <label>Card <input name="card_number" autocomplete="cc-number"></label>
  <label>Reference <input name="fname_ref" id="city"></label>
  <button type="submit">Sign up</button>
</form>
${widgetTag}</body></html>`;
}

/** The shop: its pages, and every form POST it received (the form's own submit). */
async function serveShop(pages: Record<string, string>) {
  const posts: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        posts.push(`${req.url} ${body}`);
        res
          .writeHead(200, { 'Content-Type': 'text/html' })
          .end('<!doctype html><title>Thanks</title><p>Thanks for joining</p>');
      });
      return;
    }
    const html = pages[(req.url ?? '').split('?')[0] as string];
    if (!html) res.writeHead(404).end();
    else res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function adminPage(browser: Browser, baseUrl: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('Admin token or password').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
  return page;
}

describe.skipIf(unavailable)('form capture, in Chromium', () => {
  const { app } = useBrowserSuite();
  const pages: Record<string, string> = {};
  let shop: Awaited<ReturnType<typeof serveShop>>;

  beforeAll(async () => {
    shop = await serveShop(pages);
  });
  afterAll(async () => {
    await shop?.close();
    await app?.close();
  });

  test('a sent sign-up form becomes a captured conversion without its secrets, the form still posts, another visitor sees the popup', async () => {
    const { t, baseUrl, browser } = app;
    t.clock.set(Date.now());
    const site = (await t.api.post('/api/sites', { name: 'Club', allowedOrigins: [shop.url] }).expect(201)).body;
    const notification = (
      await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Sign-ups', kind: 'stream' }).expect(201)
    ).body;
    await t.api.patch(`/api/notifications/${notification.id}`, { display: { firstDelayMs: 0 } }).expect(200);
    await t.api
      .post(`/api/sites/${site.id}/capture-rules`, {
        path: '/signup*',
        selector: 'form#signup',
        notificationId: notification.id,
      })
      .expect(201);
    // A first sign-up by webhook: its popup on a page shows that the page's widget has its snapshot.
    await request(t.app)
      .post(`/hooks/${notification.ingestToken}`)
      .send({ email: 'ann.lee@example.com', first_name: 'Ann', last_name: 'Lee' })
      .expect(200);
    const widgetTag = site.embedSnippet.replace(/https?:\/\/[^/"]+/, baseUrl);
    pages['/signup'] = signUpPage(widgetTag);
    pages['/blog'] = `<!doctype html><title>Blog</title><h1>Blog</h1>${widgetTag}`;

    const otherVisitor = await (await browser.newContext()).newPage();
    await otherVisitor.goto(`${shop.url}/blog`);
    await otherVisitor.locator('proofhook-widget').getByText('Ann').first().waitFor({ state: 'visible' });

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${shop.url}/signup`);
    await page.locator('proofhook-widget').getByText('Ann').first().waitFor({ state: 'visible' });
    await page.bringToFront();
    await page.getByLabel('Email').fill('maria.garcia@example.com');
    await page.getByLabel('First name').fill('Maria');
    await page.getByLabel('Password').fill('hunter2-secret');
    await page.getByLabel('Card').fill('4242 4242 4242 4242');
    await page.getByLabel('Reference').fill('4000056655665556');
    await page.getByRole('button', { name: 'Sign up' }).click();

    // The form's own submit went on: the shop got the whole form, and the page is its answer.
    await page.getByText('Thanks for joining').waitFor({ state: 'visible' });
    expect(shop.posts).toHaveLength(1);
    expect(shop.posts[0]).toContain('/join email=maria.garcia%40example.com&first_name=Maria&password=hunter2-secret');

    // Stored as a captured delivery and conversion, with none of the secrets anywhere.
    await vi.waitFor(async () => {
      const conversions = await t.storage.conversions.listByNotification(notification.id, { limit: 10 });
      expect(conversions.map((c) => c.email)).toContain('maria.garcia@example.com');
    });
    const deliveries = await t.storage.deliveries.listByNotification(notification.id, { limit: 10 });
    const captured = deliveries.find((d) => d.method === 'CAPTURE');
    expect(captured).toMatchObject({ outcome: 'accepted', headers: { 'x-proofhook-source': 'form-capture' } });
    expect(captured?.reason).toMatch(/^captured from a form on \/signup/);
    expect(JSON.parse(String(captured?.body))).toEqual({ email: 'maria.garcia@example.com', first_name: 'Maria' });
    const conversions = await t.storage.conversions.listByNotification(notification.id, { limit: 10 });
    const stored = JSON.stringify({ captured, body: String(captured?.body), conversions });
    for (const secret of SECRETS) expect(stored).not.toContain(secret);

    // The other visitor's page shows the new sign-up live.
    await otherVisitor.bringToFront();
    await otherVisitor.locator('proofhook-widget').getByText('Maria').first().waitFor({ state: 'visible' });
    await saveScreenshot(otherVisitor, 'form-capture-second-visitor');

    // The owner's inspector row says where it came from.
    const admin = await adminPage(browser, baseUrl);
    await admin.goto(`${baseUrl}/admin/notifications/${notification.id}/inspector`);
    const row = admin.getByRole('row').filter({ hasText: 'captured from a form on /signup' });
    await row.getByText('Maria', { exact: true }).waitFor();
    await saveScreenshot(admin, 'form-capture-inspector');
    await admin.context().close();
    await page.context().close();
    await otherVisitor.context().close();
  });

  test('the Form capture card adds and deletes a rule, and shows a refused selector in a sentence', async () => {
    const { t, baseUrl, browser } = app;
    const site = (await t.api.post('/api/sites', { name: 'Card shop' }).expect(201)).body;
    await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Newsletter', kind: 'stream' }).expect(201);
    const page = await adminPage(browser, baseUrl);
    await page.goto(`${baseUrl}/admin/sites/${site.id}`);
    const card = page.getByRole('region', { name: 'Form capture' });
    await card.getByText('No rules: no form is captured.').waitFor();
    await card.getByText('your email address is never shown', { exact: false }).waitFor();

    await card.getByLabel('Pages (path, * matches anything)').fill('/join*');
    await card.getByLabel('Form (CSS selector)').fill('form[');
    await card.getByRole('button', { name: 'Add rule' }).click();
    await card
      .getByRole('alert')
      .getByText(
        'The form selector "form[" is not valid CSS selector syntax: "[" must be followed by an attribute name.',
      )
      .waitFor();

    expect(
      await card.getByLabel('Store in').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text),
    ).toBe('Newsletter');
    await card.getByLabel('Form (CSS selector)').fill('form.newsletter');
    await card.getByRole('button', { name: 'Add rule' }).click();
    const rules = card.getByRole('list', { name: 'Capture rules' });
    await rules.getByText('→ Newsletter').waitFor();
    expect(await rules.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/form\.newsletter\s+on\s+\/join\*\s+→ Newsletter/),
    ]);
    expect((await t.api.get(`/api/sites/${site.id}/capture-rules`).expect(200)).body.rules).toMatchObject([
      { path: '/join*', selector: 'form.newsletter' },
    ]);
    await saveScreenshot(page, 'form-capture-admin-card');

    await card.getByRole('button', { name: 'Delete the rule form.newsletter on /join*' }).click();
    await card.getByText('No rules: no form is captured.').waitFor();
    expect((await t.api.get(`/api/sites/${site.id}/capture-rules`).expect(200)).body.rules).toEqual([]);
    await page.context().close();
  });
});
