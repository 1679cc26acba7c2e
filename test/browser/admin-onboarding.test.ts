// A new owner's way from "create a site" to "a popup on my site", in Debian's Chromium: the site's
// checklist ticks itself (snippet seen on a third-party page on another port, first webhook, first
// conversion, first popup shown), each open step says what to do with the sender's own guide; the
// site is renamed and its origins edited in the page; a conversion is found by part of a name and the
// inspector filtered by outcome. Not one console error or CSP violation on the way, login page included.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { ADMIN_TOKEN, type TestApp } from '../support/test-app.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const GRACE = {
  email: 'grace.hopper@example.com',
  firstName: 'Grace',
  lastName: 'Hopper',
  city: 'Arlington',
  stateCode: 'VA',
  countryCode: 'US',
  productName: 'Compiler',
  total: 42,
  currency: 'USD',
};

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** A shop on another origin, with the site's embed code as the owner pasted it. */
const shopPage = (snippet: string) =>
  `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"></head><body><h1>Corner Shop</h1>${snippet}</body></html>`;

describe.skipIf(unavailable)('onboarding in the admin page, in Chromium', () => {
  const { app, shop: fixtures } = useBrowserSuite({ publicUrl: '' });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let t: TestApp;
  let baseUrl: string;
  const fixturePages = fixtures.pages;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, baseUrl, browser } = app);
    t.clock.set(Date.now());
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
      });
    });
    page = await context.newPage();
    // Every error counts, the login page's included: no filter.
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error at ${message.location().url}: ${message.text()}`);
    });
  });

  const step = (title: string) => page.getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) });
  const waitDone = (title: string) => step(title).getByText('Done', { exact: true }).waitFor({ timeout: 20_000 });

  async function openShop(path: string): Promise<Page> {
    const shop = await context.newPage();
    shop.on('pageerror', (error) => problems.push(`shop page error: ${error.message}`));
    shop.on('console', (message) => {
      if (message.type() === 'error') problems.push(`shop console error: ${message.text()}`);
    });
    await shop.goto(`${fixtures.url}${path}`);
    return shop;
  }

  /** Opens `path`, through the login page when the session is not there yet. */
  async function logIn(path: string) {
    await page.goto(`${baseUrl}${path}`);
    const secret = page.getByLabel('Admin token or password');
    await secret.or(page.getByRole('button', { name: 'Log out' })).waitFor();
    if (await secret.isVisible()) {
      await secret.fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('button', { name: 'Log out' }).waitFor();
    }
  }

  test('from a new site to a popup shown on the shop, then found in conversions and the inspector', async () => {
    await logIn('/admin');
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();

    // A blank name is refused in a sentence.
    await page.getByLabel('Name', { exact: true }).fill('   ');
    await page.getByRole('button', { name: 'Create site' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Give the site a name.');
    await page.getByLabel('Name', { exact: true }).fill('Corner Shop');
    await page.getByRole('button', { name: 'Create site' }).click();
    await page.getByRole('heading', { name: 'Corner Shop', level: 1 }).waitFor();

    // The checklist: nothing done yet, and the embed card has its heading.
    await page.getByRole('heading', { name: 'Getting started' }).waitFor();
    await page.getByText('0 of 4 done.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: 'Embed code', level: 2 }).waitFor();
    await expect(step('First webhook received').textContent()).resolves.toContain('Create a notification below');

    // Rename the site and edit its origins in the page; a bad origin is refused in a sentence.
    await page.getByLabel('Site name').fill('Corner Shop & Co');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('heading', { name: 'Corner Shop & Co', level: 1 }).waitFor();
    const addOrigin = page.getByLabel('Add an origin');
    await addOrigin.fill('shop.example.com');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'The origin "shop.example.com" is not a web address: write it as https://shop.example.com.',
    );
    await addOrigin.fill('https://shop.example.com/checkout');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Remove https://shop.example.com' }).waitFor();
    await addOrigin.fill(fixtures.url);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: `Remove ${fixtures.url}` }).waitFor();
    await page.getByRole('button', { name: 'Remove https://shop.example.com' }).click();
    await vi.waitFor(async () =>
      expect((await t.api.get('/api/sites/1').expect(200)).body).toMatchObject({
        name: 'Corner Shop & Co',
        allowedOrigins: [fixtures.url],
      }),
    );

    // The embed code goes on the shop, on another port.
    await page.getByRole('button', { name: 'Copy the embed code of Corner Shop & Co' }).click();
    fixturePages['/shop.html'] = { html: shopPage(await page.evaluate(() => navigator.clipboard.readText())) };

    // A notification: the webhook step now says where to paste its URL, with the sender's guide.
    await page.getByLabel('Name', { exact: true }).fill('Recent purchases');
    await page.getByRole('button', { name: 'Create notification' }).click();
    await page.getByRole('heading', { name: 'Recent purchases', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Copy the webhook URL' }).click();
    const webhookUrl = await page.evaluate(() => navigator.clipboard.readText());
    await page.getByRole('link', { name: 'Corner Shop & Co' }).click();
    await expect(step('First webhook received').textContent()).resolves.toContain('Copy the webhook URL of');
    await page.getByLabel('Your tool').selectOption({ label: 'Stripe' });
    const guide = page.getByRole('link', { name: "Stripe's guide to webhooks" });
    await expect(guide.getAttribute('href')).resolves.toBe('https://docs.stripe.com/webhooks');
    await saveScreenshot(page, 'admin-onboarding-start');

    // A webhook arrives: the webhook and conversion steps tick by themselves.
    expect(await (await post(webhookUrl, GRACE)).json()).toEqual({ ok: true, status: 'accepted' });
    await waitDone('First webhook received');
    await waitDone('First conversion accepted');

    // The shop page shows the popup; the impression it reports ticks the last step.
    const shop = await openShop('/shop.html');
    await shop.getByText('Grace H. from Arlington, US').waitFor({ timeout: 20_000 });
    // A tab in the background gets no animation frames, and Playwright waits for frames before each
    // click: the admin tab comes back to the front, as it would when its owner switches back.
    await page.bringToFront();
    await waitDone('First popup shown');
    // The shop's origin is allowed, so its widget's handshake ticked the snippet step too.
    await waitDone('Snippet seen on your site');
    await expect(step('Snippet seen on your site').textContent()).resolves.toContain(`Seen on ${fixtures.url}`);
    await page.getByText('All done: popups are showing on your site.').waitFor();
    await saveScreenshot(page, 'admin-onboarding-ticked');

    // Conversions: found by part of a name; the place reads city, region code, country code.
    await page.getByRole('link', { name: 'Recent purchases' }).first().click();
    await page.getByRole('link', { name: 'Conversions' }).click();
    await page.getByLabel('Search by email, name, product or city').fill('hopp');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('row', { name: /grace\.hopper@example\.com/ });
    await expect(row.textContent()).resolves.toContain('Arlington, VA, US');
    await page.getByLabel('Search by email, name, product or city').fill('nobody');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No conversions for nobody').waitFor();

    // Inspector: rows say who and what; the ignored one is found by its outcome.
    expect((await post(webhookUrl, { hello: 'world' })).status).toBe(200);
    await page.getByRole('link', { name: 'Inspector' }).click();
    await page.getByRole('cell', { name: 'Grace Hopper · Compiler' }).waitFor();
    await page.getByRole('link', { name: /^Delivery \d+, .*, ignored$/ }).waitFor();
    await page.getByLabel('Outcome').selectOption('ignored');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('1 matching.', { exact: true }).waitFor();
    await expect(page.getByRole('cell', { name: 'Grace Hopper · Compiler' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('cell', { name: 'Grace Hopper · Compiler' }).waitFor();
    await saveScreenshot(page, 'admin-onboarding-inspector');

    // Deleting the site names what stops working.
    await page.getByRole('link', { name: 'Corner Shop & Co' }).click();
    await page.getByRole('button', { name: 'Delete site' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Corner Shop & Co?' });
    await expect(dialog.textContent()).resolves.toMatch(/embed code.*webhook URL of Recent purchases.*410 Gone/);
    await dialog.getByRole('button', { name: 'Delete site' }).click();
    await page.getByText('No sites yet').waitFor();
    expect((await post(webhookUrl, GRACE)).status).toBe(410);

    await shop.close();
    expect(problems).toEqual([]);
    // A hang guard, not a speed claim: the journey has ~60 steps, and the full suite runs beside it.
  }, 90_000);

  test('each kind shows only the tools that apply to it', async () => {
    const site = (await t.api.post('/api/sites', { name: 'Blog' }).expect(201)).body;
    const counter = (
      await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Sign-ups', kind: 'conversion' }).expect(201)
    ).body;
    const visitors = (
      await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Readers', kind: 'visitors' }).expect(201)
    ).body;
    const tabs = () => page.getByRole('navigation', { name: 'Notification' }).getByRole('link').allTextContents();

    // Live visitors take no webhooks: no URL, inspector, conversions, Send test or rotation.
    await logIn(`/admin/notifications/${visitors.id}`);
    await page.getByRole('heading', { name: 'Readers', level: 1 }).waitFor();
    expect(await tabs()).toEqual(['Preview', 'Stats', 'Settings']);
    await page.getByText('there is nothing to send to it').waitFor();
    await expect(page.getByText('Webhook URL').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Send test' }).count()).resolves.toBe(0);
    await page.goto(`${baseUrl}/admin/notifications/${visitors.id}/inspector`);
    await page.getByRole('link', { name: 'Preview', exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Delete notification' }).waitFor();
    await expect(page.getByRole('button', { name: 'Rotate webhook URL' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Stats' }).click();
    await page.getByText('Impressions', { exact: true }).first().waitFor();
    await expect(page.getByText('Deliveries', { exact: true }).count()).resolves.toBe(0);

    // A counter takes webhooks, but its preview counts stored conversions: no Send test there.
    await page.goto(`${baseUrl}/admin/notifications/${counter.id}`);
    await page.getByRole('heading', { name: 'Sign-ups', level: 1 }).waitFor();
    expect(await tabs()).toEqual(['Inspector', 'Conversions', 'Preview', 'Stats', 'Settings']);
    await page.getByRole('button', { name: 'Send test' }).waitFor();
    await page.getByRole('link', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Reload preview' }).waitFor();
    await expect(page.getByRole('button', { name: 'Send test' }).count()).resolves.toBe(0);

    // The site's list says a visitors notification has no webhook URL; its checklist needs none.
    await page.goto(`${baseUrl}/admin/sites/${site.id}`);
    await expect(page.getByRole('row', { name: /^Readers/ }).textContent()).resolves.toContain(
      'None: it counts open pages',
    );
    expect(problems).toEqual([]);
  });

  test('the snippet on a page of another origin ticks "snippet seen"; an origin not allowed is flagged and allowed in one click', async () => {
    const site = (
      await t.api.post('/api/sites', { name: 'Kiosk', allowedOrigins: ['https://shop.example.com'] }).expect(201)
    ).body;
    // The snippet names the server as the request reached it: here, the listening app.
    fixturePages['/kiosk.html'] = { html: shopPage(site.embedSnippet.replace(/http:\/\/[^/]+/, baseUrl)) };
    await logIn(`/admin/sites/${site.id}`);
    await page.getByRole('heading', { name: 'Getting started' }).waitFor();
    await expect(step('Snippet seen on your site').textContent()).resolves.toContain('To do');

    // On an origin the site does not allow, the widget stays silent and the checklist says so.
    const kiosk = await openShop('/kiosk.html');
    await page.bringToFront();
    const allow = page.getByRole('button', { name: `Allow ${fixtures.url}` });
    await allow.waitFor({ timeout: 20_000 });
    await expect(step('Snippet seen on your site').textContent()).resolves.toContain('which is not an allowed origin');
    await allow.click();
    await waitDone('Snippet seen on your site');
    await expect(step('Snippet seen on your site').textContent()).resolves.toContain(`Seen on ${fixtures.url}`);
    expect((await t.api.get(`/api/sites/${site.id}`).expect(200)).body.allowedOrigins).toEqual([
      'https://shop.example.com',
      fixtures.url,
    ]);
    await saveScreenshot(page, 'admin-onboarding-snippet-seen');
    await kiosk.close();
    expect(problems).toEqual([]);
  });
});
