// Zero CSP violations and zero console errors in Debian's Chromium on /demo (with its sample popup
// and product image), on every page and tab of /admin (the login page included), and on the
// popup preview page. Every frame of each page is watched, and a violation is caught both by the
// browser's own console report and by a securitypolicyviolation listener in every document.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { demoSample } from '../../server/demo/demo-page.ts';
import { ensureDemoSite } from '../../server/demo/demo-site.ts';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { ADMIN_TOKEN, type TestApp } from '../support/test-app.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

describe.skipIf(unavailable)('CSP-clean pages in Chromium', () => {
  // No PUBLIC_URL: links and the demo's image follow the request's own origin.
  const { app } = useBrowserSuite({ publicUrl: '' });
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  let context: BrowserContext;
  let problems: string[];

  beforeAll(async () => {
    ({ t, baseUrl, browser } = app);
    t.clock.set(Date.now());
  });

  beforeEach(async () => {
    await context?.close();
    problems = [];
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
      });
    });
  });

  async function watchedPage(): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // Messages of every frame of the page, the preview iframes included.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error at ${message.location().url}: ${message.text()}`);
    });
    return page;
  }

  const cardTitles = (page: Page) =>
    page.evaluate(() =>
      [...(document.querySelector('proofhook-widget')?.shadowRoot?.querySelectorAll('.card .title') ?? [])].map(
        (title) => title.textContent ?? '',
      ),
    );

  test('/demo, with its sample popup and product image', async () => {
    await t.storage.settings.set('demo_site_id', '0');
    const demo = await ensureDemoSite(t.storage);
    const page = await watchedPage();
    await page.goto(`${baseUrl}/demo`);
    await vi.waitFor(() => expect(t.realtime.countVisitors(demo.site.id)).toBe(1), { timeout: 10_000, interval: 25 });
    await request(t.app).post(`/hooks/${demo.notification.ingestToken}`).send(demoSample(baseUrl)).expect(200);
    await vi.waitFor(async () => expect(await cardTitles(page)).toContain('Maria G. from Austin, US'), {
      timeout: 10_000,
      interval: 50,
    });
    // The product image is on screen, loaded: the page's CSP let it through.
    await vi.waitFor(
      async () => {
        const image = await page.evaluate(() => {
          const img = document.querySelector('proofhook-widget')?.shadowRoot?.querySelector('img');
          return img ? { src: img.src, width: img.naturalWidth } : undefined;
        });
        expect(image).toEqual({ src: `${baseUrl}/demo/sneakers.svg`, width: 96 });
      },
      { timeout: 10_000, interval: 50 },
    );
    // The curl wraps inside its box: nothing scrolls sideways.
    const overflow = await page.evaluate(() => {
      const pre = document.querySelector('pre') as HTMLElement;
      return pre.scrollWidth - pre.clientWidth;
    });
    expect(overflow).toBe(0);
    await saveScreenshot(page, 'csp-clean-demo');
    expect(problems).toEqual([]);
  });

  test('/admin: the login page and every page and tab after logging in, and the preview page', async () => {
    // Something to show on every tab: a site, a stream notification with a delivery and a conversion.
    const site = (await t.api.post('/api/sites', { name: 'Sneaker Shop' }).expect(201)).body;
    const notification = (
      await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Recent purchases' }).expect(201)
    ).body;
    await request(t.app).post(`/hooks/${notification.ingestToken}`).send(demoSample(baseUrl)).expect(200);

    const page = await watchedPage();
    await page.goto(`${baseUrl}/admin`);
    await page.waitForURL(/\/admin\/login/);
    await page.getByLabel('Admin token or password').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Sneaker Shop' }).first().click();
    await page.getByRole('heading', { name: 'Sneaker Shop', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Recent purchases' }).first().click();
    await page.getByText('Live: new deliveries appear').waitFor();
    await page.getByRole('link', { name: /^Delivery \d+, .*, accepted$/ }).click();
    await page.getByRole('heading', { name: /^Delivery #\d+$/ }).waitFor();

    await page.getByRole('link', { name: 'Conversions' }).click();
    await page.getByRole('cell', { name: 'maria.garcia@example.com', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Preview' }).click();
    for (const title of ['Popup preview at desktop width', 'Popup preview at phone width']) {
      await page.frameLocator(`iframe[title="${title}"]`).getByText('Maria G. from Austin, US').first().waitFor();
    }
    await page.getByRole('link', { name: 'Stats' }).click();
    await page.getByRole('img', { name: /^Deliveries per day/ }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Message template').waitFor();
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Set an admin password' }).waitFor();

    // The preview page on its own, as the frames load it.
    const preview = await watchedPage();
    await preview.goto(`${baseUrl}/admin/preview/${notification.id}`);
    await vi.waitFor(async () => expect(await cardTitles(preview)).toContain('Maria G. from Austin, US'), {
      timeout: 10_000,
      interval: 50,
    });
    await saveScreenshot(preview, 'csp-clean-preview');
    expect(problems).toEqual([]);
  });
});
