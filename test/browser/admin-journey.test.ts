// The whole journey of a new user in Debian's Chromium, against a real app on 127.0.0.1: log in,
// create a site and a stream notification, copy the webhook URL, POST a conversion to it, see it
// in the inspector with its detected fields and in the popup preview, pause and resume, rotate,
// erase the person, delete (410). A screenshot of each page lands in test-artifacts/.
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { ADMIN_TOKEN, type TestApp } from '../support/test-app.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const ORDER = {
  type: 'order.created',
  data: {
    customer: { email: 'maria.garcia@example.com', first_name: 'Maria', last_name: 'Garcia' },
    shipping_address: { city: 'Austin', country_code: 'US' },
    line_items: [
      { title: 'Sneakers', price: '120.00', quantity: 1 },
      { title: 'Socks', price: '5.00', quantity: 2 },
    ],
    total_price: '130.00',
    currency: 'USD',
  },
};

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe.skipIf(unavailable)('admin page in Chromium', () => {
  // No PUBLIC_URL: webhook URLs and the cookie follow the request (plain http on 127.0.0.1).
  const { app } = useBrowserSuite({ publicUrl: '' });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let t: TestApp;
  let baseUrl: string;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, baseUrl, browser } = app);
    context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const where = message.location().url;
      // The preview frames block the widget's own connection by design (connect-src 'none').
      if (where.includes('/widget.js') || where.includes('/admin/preview/')) return;
      // 401s are expected: the login page's session probe, the wrong token, the check after logout.
      if (message.type() === 'error' && !/status of 401/.test(message.text()))
        problems.push(`console: ${message.text()}`);
    });
  });

  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  test('a new user goes from login to a live popup, then pauses, rotates, erases and deletes', async () => {
    // Log in: the admin page sends an unauthenticated visitor to the login form.
    await page.goto(`${baseUrl}/admin`);
    await page.waitForURL(/\/admin\/login\?next=%2Fadmin$/);
    const secret = page.getByLabel('Admin token or password');
    await secret.fill('not-the-token');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('neither the admin token nor');
    await saveScreenshot(page, 'admin-login');
    await secret.fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.getByText('No sites yet').waitFor();

    // Create a site; its embed code carries the SRI hash and copies.
    await page.getByLabel('Name', { exact: true }).fill('Sneaker Shop');
    await page.getByRole('button', { name: 'Create site' }).click();
    await page.getByRole('heading', { name: 'Sneaker Shop', level: 1 }).waitFor();
    await page.getByText('No notifications yet').waitFor();
    await page.getByRole('button', { name: 'Copy the embed code of Sneaker Shop' }).click();
    const snippet = await clipboard();
    expect(snippet).toMatch(
      /^<script src="http:\/\/127\.0\.0\.1:\d+\/widget\.[0-9a-f]{12}\.js" data-key="pk_[^"]+" integrity="sha384-/,
    );

    // Create a stream notification: it opens on its inspector, whose empty state shows a first curl.
    await page.getByLabel('Name', { exact: true }).fill('Recent purchases');
    await expect(page.getByLabel(/^Stream/).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Create notification' }).click();
    await page.getByRole('heading', { name: 'Recent purchases', level: 1 }).waitFor();
    await page.getByText('No deliveries yet').waitFor();
    await expect(page.getByText(/curl -X POST 'http:\/\/127\.0\.0\.1:\d+\/hooks\/whk_/).isVisible()).resolves.toBe(
      true,
    );
    await page.getByText('Live: new deliveries appear').waitFor();
    await saveScreenshot(page, 'admin-inspector-empty');

    // Copy the webhook URL and POST a conversion to it, as the store would.
    await page.getByRole('button', { name: 'Copy the webhook URL' }).click();
    const webhookUrl = await clipboard();
    expect(webhookUrl).toMatch(new RegExp(`^${baseUrl}/hooks/whk_[A-Za-z0-9_-]{32}$`));
    expect(await (await post(webhookUrl, ORDER)).json()).toEqual({ ok: true, status: 'accepted' });

    // It appears live in the inspector; opened, it shows the raw request next to the detected fields.
    const row = page.getByRole('link', { name: /^Delivery \d+, .*, accepted$/ });
    await row.waitFor();
    await row.click();
    await page.getByRole('heading', { name: /^Delivery #\d+$/ }).waitFor();
    const fields = page.getByRole('table', { name: 'Detected fields and where each was found' });
    const emailRow = fields.getByRole('row', { name: /^email maria\.garcia@example\.com/ });
    await expect(emailRow.textContent()).resolves.toContain('← data.customer.email');
    await expect(fields.getByRole('row', { name: /^productName Sneakers/ }).textContent()).resolves.toContain(
      'data.line_items[0].title',
    );
    await expect(page.locator('pre.body').textContent()).resolves.toContain('"first_name": "Maria"');
    await expect(page.getByRole('table', { name: 'Request headers' }).textContent()).resolves.toContain('content-type');
    await saveScreenshot(page, 'admin-inspector-delivery');

    // The site page lists it with its URL, last delivery and 24-hour count.
    await page.getByRole('link', { name: 'Sneaker Shop' }).click();
    const listed = page.getByRole('row', { name: /Recent purchases/ });
    await listed.getByText('accepted').waitFor();
    await expect(listed.textContent()).resolves.toMatch(/Stream.*Active.*\/hooks\/whk_.*accepted.*1$/);
    await saveScreenshot(page, 'admin-site');
    await page.getByRole('link', { name: 'Recent purchases' }).first().click();

    // Back in the inspector: the original bytes download as they came; Replay runs them through
    // normalization again (a duplicate now, so nothing shows twice).
    await row.click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download original bytes' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^delivery-\d+\.bin$/);
    const saved = await download.path();
    expect(JSON.parse(fs.readFileSync(saved, 'utf8'))).toEqual(ORDER);
    await page.getByRole('button', { name: 'Replay' }).click();
    await page.getByText('Replayed: accepted · nothing changed').waitFor();
    await page.getByText('Nothing: the delivery reads the same as before.').waitFor();
    await page.getByRole('link', { name: 'Close' }).click();

    // The preview: the real widget shows the popup in the desktop and the phone frame.
    await page.getByRole('link', { name: 'Preview' }).click();
    const desktop = page.frameLocator('iframe[title="Popup preview at desktop width"]');
    const phone = page.frameLocator('iframe[title="Popup preview at phone width"]');
    await desktop.getByText('Maria G. from Austin, US').waitFor();
    await expect(desktop.getByText('purchased Sneakers and 1 more').isVisible()).resolves.toBe(true);
    await phone.getByText('Maria G. from Austin, US').waitFor();
    await saveScreenshot(page, 'admin-preview');

    // Conversions and stats.
    await page.getByRole('link', { name: 'Conversions' }).click();
    await page.getByRole('cell', { name: 'maria.garcia@example.com', exact: true }).waitFor();
    await page.getByLabel('Search by email').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No conversions for nobody@example.com').waitFor();
    await page.getByRole('button', { name: 'Show all' }).click();
    await page.getByRole('cell', { name: 'maria.garcia@example.com', exact: true }).waitFor();
    await saveScreenshot(page, 'admin-conversions');
    await page.getByRole('link', { name: 'Stats' }).click();
    await page.getByRole('img', { name: /^Deliveries per day: 1 over 7 days/ }).waitFor();
    await page.getByRole('button', { name: '30 days' }).click();
    await page.getByRole('img', { name: /^Deliveries per day: 1 over 30 days/ }).waitFor();
    await saveScreenshot(page, 'admin-stats');

    // Pause: popups stop and webhooks are logged but ignored; resume.
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByText('Paused', { exact: true }).waitFor();
    expect((await t.api.get('/api/notifications/1').expect(200)).body.status).toBe('paused');
    expect(await (await post(webhookUrl, { email: 'while-paused@example.com' })).json()).toMatchObject({
      status: 'ignored',
    });
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByText('Active', { exact: true }).waitFor();
    expect((await t.api.get('/api/notifications/1').expect(200)).body.status).toBe('active');

    // Settings: the template's live preview, then rotate the URL (the old one stops working).
    await page.getByRole('link', { name: 'Settings' }).click();
    const template = page.getByLabel('Message template');
    await template.fill('bought {{product}} for {{total}}');
    await page.getByText('bought Sneakers and 2 more for $89.00').waitFor();
    await template.fill('bought {{price}}');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('unknown variable {{price}}');
    await template.fill('bought {{product}}');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved').waitFor();
    expect((await t.api.get('/api/notifications/1').expect(200)).body.messageTemplate).toBe('bought {{product}}');
    await saveScreenshot(page, 'admin-settings');

    await page.getByRole('button', { name: 'Rotate webhook URL' }).click();
    const rotateDialog = page.getByRole('dialog', { name: 'Rotate the webhook URL?' });
    await rotateDialog.getByRole('button', { name: 'Rotate URL' }).click();
    await page.getByText('The webhook URL was rotated').waitFor();
    await page.getByRole('button', { name: 'Copy the webhook URL' }).click();
    const rotatedUrl = await clipboard();
    expect(rotatedUrl).not.toBe(webhookUrl);
    expect((await post(webhookUrl, ORDER)).status).toBe(404);
    expect((await post(rotatedUrl, { email: 'after-rotation@example.com' })).status).toBe(200);

    // Erase a person: their conversions and every stored body that mentions them.
    await page.getByRole('link', { name: 'Conversions' }).click();
    await page.getByRole('button', { name: 'Erase maria.garcia@example.com' }).click();
    await page
      .getByRole('dialog', { name: 'Erase maria.garcia@example.com?' })
      .getByRole('button', { name: 'Erase everywhere' })
      .click();
    await page
      .getByText(/Erased maria\.garcia@example\.com: 1 conversion deleted, 1 stored webhook scrubbed/)
      .waitFor();
    // The list reloads after the message appears: wait until the erased row is gone.
    await page.getByRole('cell', { name: 'maria.garcia@example.com', exact: true }).waitFor({ state: 'detached' });
    const conversions = await t.api.get('/api/notifications/1/conversions?email=maria.garcia@example.com').expect(200);
    expect(conversions.body.conversions).toEqual([]);
    const [first] = (await t.api.get('/api/notifications/1/deliveries?limit=500').expect(200)).body.deliveries.slice(
      -1,
    );
    expect(first.bodyText).toBe('');

    // Delete: back to the site, and the URL answers 410 Gone.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Delete notification' }).click();
    await page
      .getByRole('dialog', { name: 'Delete Recent purchases?' })
      .getByRole('button', { name: 'Delete notification' })
      .click();
    await page.getByRole('heading', { name: 'Sneaker Shop', level: 1 }).waitFor();
    await page.getByText('No notifications yet').waitFor();
    expect((await post(rotatedUrl, ORDER)).status).toBe(410);

    // Account, then log out: the session is gone on the server too.
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Set an admin password' }).waitFor();
    await saveScreenshot(page, 'admin-account');
    await page.getByRole('link', { name: 'Sites' }).click();
    await saveScreenshot(page, 'admin-sites');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Admin token or password').waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/sites')).status);
    expect(status).toBe(401);

    expect(problems).toEqual([]);
  });
});
