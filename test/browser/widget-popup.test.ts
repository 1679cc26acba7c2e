// The widget in Debian's Chromium: a webhook POST makes the popup appear on the open demo page;
// hostile text stays inert; hostile CSS and a strict CSP do not break it; it is accessible; a phone
// gets the compact strip. Screenshots land in test-artifacts/.
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type DemoSite, ensureDemoSite } from '../../server/demo/demo-site.ts';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import type { TestApp } from '../support/test-app.ts';
import { openPage as openPageIn, useBrowserSuite, waitForWidgets } from './browser-suite.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const MARIA = {
  email: 'maria.garcia@example.com',
  firstName: 'Maria',
  lastName: 'Garcia',
  city: 'Austin',
  countryCode: 'US',
  products: [
    { name: 'Sneakers', price: 120, link: 'https://shop.example.com/sneakers' },
    { name: 'Socks', price: 5 },
    { name: 'Laces', price: 2 },
  ],
};

describe.skipIf(unavailable)('widget popup in Chromium', () => {
  const { app, shop } = useBrowserSuite();
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  let demo: DemoSite;
  let hookPath: string;

  beforeAll(() => {
    ({ t, baseUrl, browser } = app);
  });

  beforeEach(async () => {
    // A fresh demo site per test, so no test sees another's conversions or session history.
    await t.storage.settings.set('demo_site_id', '0');
    demo = await ensureDemoSite(t.storage);
    await t.storage.notifications.update(demo.notification.id, {
      // No first delay: a live conversion shows as soon as the widget has it.
      display: { firstDelayMs: 0, displayMs: 4000, gapMs: 500 },
    });
    hookPath = `/hooks/${demo.notification.ingestToken}`;
  });

  const waitForWidget = (siteId: number) => waitForWidgets(t, siteId);
  const openPage = (url: string, viewport?: { width: number; height: number }) => openPageIn(app, url, viewport);

  // How fast is measured by `npm run bench` against a same-run reference, never by a timer here.
  test('a webhook POST makes the popup appear on the open demo page, with the right text', async () => {
    const page = await openPage(`${baseUrl}/demo`);
    await waitForWidget(demo.site.id);
    await request(t.app).post(hookPath).send(MARIA).expect(200);
    await page.getByText('Maria G. from Austin, US').waitFor({ state: 'visible' });
    await expect(page.getByText('purchased Sneakers and 2 more').isVisible()).resolves.toBe(true);
    await expect(
      page
        .getByText(/just now|second|now/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    const link = page.locator('proofhook-widget a.body');
    expect(await link.getAttribute('href')).toBe('https://shop.example.com/sneakers');
    await saveScreenshot(page, 'widget-popup-desktop');
    await page.context().close();
  });

  test('script and markup in every field render as inert text', async () => {
    const page = await openPage(`${baseUrl}/demo`);
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await waitForWidget(demo.site.id);
    const hostile = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script>';
    await request(t.app)
      .post(hookPath)
      .send({
        email: 'xss@example.com',
        firstName: hostile,
        lastName: hostile,
        city: hostile,
        state: hostile,
        country: hostile,
        productName: hostile,
        productLink: 'javascript:alert(1)',
        productImage: 'javascript:alert(2)',
      })
      .expect(200);
    await page.getByText('<script>window.__xss=2</script>', { exact: false }).first().waitFor();
    // Nothing to wait for: the handlers could only run from elements, and none exists anywhere.
    expect(await page.locator('img[onerror], img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const inShadow = await page.evaluate(() => {
      const root = document.querySelector('proofhook-widget')?.shadowRoot;
      return {
        images: root?.querySelectorAll('img[src="x"], img[onerror]').length ?? -1,
        scripts: root?.querySelectorAll('script').length ?? -1,
        javascriptLinks: root?.querySelectorAll('a[href^="javascript"]').length ?? -1,
      };
    });
    expect(inShadow).toEqual({ images: 0, scripts: 0, javascriptLinks: 0 });
    await saveScreenshot(page, 'widget-popup-xss-inert');
    await page.context().close();
  });

  test('hostile global CSS on the host page does not hide or distort the popup', async () => {
    shop.pages['/hostile.html'] = {
      html: `<!doctype html><html><head><style>
          * { all: unset !important; }
          div { display: none !important; }
          :not(:defined) { visibility: hidden !important; }
          proofhook-widget { opacity: 0; }
          button { background: red; font-size: 40px; }
        </style></head><body><div>hidden page content</div>
        <script src="${baseUrl}/widget.js" data-key="${demo.site.widgetKey}" async></script></body></html>`,
    };
    const page = await openPage(`${shop.url}/hostile.html`);
    await waitForWidget(demo.site.id);
    await request(t.app).post(hookPath).send(MARIA).expect(200);
    const title = page.getByText('Maria G. from Austin, US');
    await title.waitFor({ state: 'visible' });
    const box = await page.locator('proofhook-widget .card').boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    expect(box?.height).toBeGreaterThan(40);
    const host = await page.evaluate(() => {
      const style = getComputedStyle(document.querySelector('proofhook-widget') as Element);
      return { position: style.position, opacity: style.opacity, display: style.display };
    });
    expect(host).toEqual({ position: 'fixed', opacity: '1', display: 'block' });
    await saveScreenshot(page, 'widget-popup-hostile-css');
    await page.context().close();
  });

  test('a page with a strict nonce-based CSP still shows a styled popup without violations', async () => {
    const nonce = 'r4nd0mN0nce';
    const app = new URL(baseUrl);
    shop.pages['/csp.html'] = {
      headers: {
        'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src ws://${app.host}; img-src 'none'`,
      },
      html: `<!doctype html><html><head><title>strict</title></head><body><p>Strict CSP shop</p>
        <script nonce="${nonce}" src="${baseUrl}/widget.js" data-key="${demo.site.widgetKey}" async></script></body></html>`,
    };
    const page = await openPage(`${shop.url}/csp.html`);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await waitForWidget(demo.site.id);
    await request(t.app).post(hookPath).send(MARIA).expect(200);
    await page.getByText('Maria G. from Austin, US').waitFor({ state: 'visible' });
    const card = await page.evaluate(() => {
      const element = document.querySelector('proofhook-widget')?.shadowRoot?.querySelector('.card');
      const style = element ? getComputedStyle(element) : undefined;
      return { background: style?.backgroundColor, radius: style?.borderTopLeftRadius };
    });
    // Styled: the stylesheet (with the nonce) applied, so the card is not transparent and square.
    expect(card.background).not.toBe('rgba(0, 0, 0, 0)');
    expect(card.radius).not.toBe('0px');
    expect(violations).toEqual([]);
    await saveScreenshot(page, 'widget-popup-strict-csp');
    await page.context().close();
  });

  test('is a polite live region with a labelled dismiss button; Esc dismisses; hover pauses', async () => {
    await t.storage.notifications.update(demo.notification.id, {
      display: { firstDelayMs: 300, displayMs: 1500, gapMs: 500 },
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // The page's clock runs as usual, but the test can move it on: time for the hover check
    // passes without the test sleeping.
    await page.clock.install();
    await page.goto(`${baseUrl}/demo`);
    await waitForWidget(demo.site.id);
    const status = page.getByRole('status');
    expect(await status.getAttribute('aria-live')).toBe('polite');

    await request(t.app).post(hookPath).send(MARIA).expect(200);
    const dismiss = page.getByRole('button', { name: 'Dismiss notification' });
    await dismiss.waitFor({ state: 'visible' });
    await expect(status.textContent()).resolves.toContain('Maria G. from Austin, US');
    await page.keyboard.press('Escape');
    await page.locator('proofhook-widget .card').waitFor({ state: 'detached' });

    await request(t.app)
      .post(hookPath)
      .send({ ...MARIA, email: 'ann.lee@example.com', firstName: 'Ann', lastName: 'Lee' });
    const card = page.locator('proofhook-widget .card');
    await page.getByText('Ann L. from Austin, US').waitFor({ state: 'visible' });
    await card.hover();
    await page.clock.runFor(2500); // longer than displayMs: hovering keeps it
    await expect(page.getByText('Ann L. from Austin, US').isVisible()).resolves.toBe(true);
    await page.mouse.move(5, 5);
    await page.clock.runFor(1500); // the rest of its display time, once the pointer left
    await card.waitFor({ state: 'detached' });
    await page.context().close();
  });

  test('a phone viewport shows the compact strip that covers only a sliver of the screen', async () => {
    const page = await openPage(`${baseUrl}/demo`, { width: 375, height: 667 });
    await waitForWidget(demo.site.id);
    await request(t.app).post(hookPath).send(MARIA).expect(200);
    await page.getByText('Maria G. from Austin, US').waitFor({ state: 'visible' });
    const card = page.locator('proofhook-widget .card');
    expect(await card.getAttribute('data-compact')).not.toBeNull();
    const box = await card.boundingBox();
    expect(box?.height).toBeLessThanOrEqual(100);
    expect(box?.width).toBeGreaterThan(300);
    await saveScreenshot(page, 'widget-popup-phone');
    await page.context().close();
  });
});
