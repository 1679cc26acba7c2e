// The popup's design, in Chromium: the theme follows the visitor's colour scheme when set to "auto",
// saved designs reach an open page without a reload, and each option changes what the card looks like.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { TEST_TIMEOUT_MS } from '../support/wait.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { buyer } from './widget-pages.ts';
import { card, createLookSite, type LookSite, openPage, shopPage } from './widget-look-pages.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const style = (page: import('playwright-core').Page, property: string) =>
  card(page).evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);

describe.skipIf(unavailable)('popup design in Chromium', () => {
  const { app, shop } = useBrowserSuite();
  let site: LookSite;

  beforeEach(async () => {
    site = await createLookSite(app);
    shop.pages['/'] = shopPage(app.baseUrl, site.widgetKey, { lang: 'en' });
  });

  test('theme "auto" follows prefers-color-scheme: dark colours for a dark scheme, light for a light one', async () => {
    await app.t.api.patch(`/api/sites/${site.siteId}/design`, { design: { theme: 'auto' } }).expect(200);
    await site.post(buyer('Maria', 'Garcia'));
    const page = await openPage(app, `${shop.url}/`, undefined, (p) => p.emulateMedia({ colorScheme: 'dark' }));
    await card(page).waitFor({ state: 'visible' });
    await expect(style(page, 'background-color')).resolves.toBe('rgb(31, 35, 40)');
    await expect(style(page, 'color')).resolves.toBe('rgb(240, 243, 246)');
    await saveScreenshot(page, 'widget-design-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(style(page, 'background-color')).resolves.toBe('rgb(255, 255, 255)');
  });

  test('a design saved through the admin API reaches an open page without a reload', async () => {
    await site.post(buyer('Maria', 'Garcia'));
    const page = await openPage(app, `${shop.url}/`);
    await card(page).waitFor({ state: 'visible' });
    await expect(style(page, 'background-color')).resolves.toBe('rgb(255, 255, 255)');
    await page.evaluate(() => {
      (window as unknown as { __loads: number }).__loads = 1;
    });
    await app.t.api
      .patch(`/api/sites/${site.siteId}/design`, { design: { background: '#fff8e1', radiusPx: 2, shadow: 'strong' } })
      .expect(200);
    await page.waitForFunction(() => {
      const shown = document.querySelector('proofhook-widget')?.shadowRoot?.querySelector('.card');
      return shown && getComputedStyle(shown).backgroundColor === 'rgb(255, 248, 225)';
    });
    await expect(style(page, 'border-top-left-radius')).resolves.toBe('2px');
    // The same document: a reload would have dropped the marker.
    await expect(page.evaluate(() => (window as unknown as { __loads?: number }).__loads)).resolves.toBe(1);
    // A notification's own override wins over the site's design, also live.
    await site.setDisplay({ design: { background: '#e8f5e9', theme: 'light' } });
    await page.waitForFunction(() => {
      const shown = document.querySelector('proofhook-widget')?.shadowRoot?.querySelector('.card');
      return shown && getComputedStyle(shown).backgroundColor === 'rgb(232, 245, 233)';
    });
  });

  test('avatar styles, dark theme, offsets and the page font', async () => {
    await site.setDisplay({
      design: { avatar: 'flag', theme: 'dark', offsetXPx: 40, offsetYPx: 30, font: 'inherit', shadow: 'none' },
      position: 'bottom-right',
    });
    shop.pages['/serif'] = {
      html: shopPage(app.baseUrl, site.widgetKey).html.replace('<body>', '<body style="font-family: Georgia, serif">'),
    };
    await site.post(buyer('Maria', 'Garcia'));
    const page = await openPage(app, `${shop.url}/serif`);
    await card(page).waitFor({ state: 'visible' });
    await expect(card(page).locator('.avatar').textContent()).resolves.toBe('\u{1F1FA}\u{1F1F8}');
    await expect(style(page, 'background-color')).resolves.toBe('rgb(31, 35, 40)');
    await expect(style(page, 'box-shadow')).resolves.toBe('none');
    await expect(style(page, 'font-family')).resolves.toMatch(/Georgia/);
    // The card slides in: measured mid-animation it sat 29.94 px from the bottom, so the offsets are
    // read once it has come to rest.
    await vi.waitFor(
      async () => {
        const box = await card(page).boundingBox();
        expect(box && 1280 - (box.x + box.width)).toBe(40);
        expect(box && 800 - (box.y + box.height)).toBe(30);
      },
      { timeout: TEST_TIMEOUT_MS, interval: 50 },
    );
    await site.setDisplay({ design: { avatar: 'none' } });
    await card(page).locator('.avatar').waitFor({ state: 'hidden' });
  });

  test("the page's --proofhook-* custom properties still win over the saved design", async () => {
    await app.t.api.patch(`/api/sites/${site.siteId}/design`, { design: { background: '#fff8e1' } }).expect(200);
    shop.pages['/themed'] = {
      html: shopPage(app.baseUrl, site.widgetKey).html.replace(
        '</head>',
        '<style>proofhook-widget { --proofhook-bg: #000080; --proofhook-fg: #ffffff; }</style></head>',
      ),
    };
    await site.post(buyer('Maria', 'Garcia'));
    const page = await openPage(app, `${shop.url}/themed`);
    await card(page).waitFor({ state: 'visible' });
    await expect(style(page, 'background-color')).resolves.toBe('rgb(0, 0, 128)');
  });

  test('a notification added in the admin shows its live conversions on an open page without a reload', async () => {
    let configReceived: Promise<void> | undefined;
    const page = await openPage(app, `${shop.url}/`, undefined, (p) => {
      // The page has the new list once the widget's socket has received it.
      configReceived = new Promise<void>((resolve) => {
        p.on('websocket', (socket) =>
          socket.on('framereceived', ({ payload }) => {
            if (String(payload).includes('"config:changed"')) resolve();
          }),
        );
      });
    });
    await site.waitForWidgets();
    const added = await site.addNotification('Newsletter', { firstDelayMs: 0, displayMs: 10 * 60_000 });
    await configReceived;
    await site.post(buyer('Nora', 'New'), added);
    await page.getByText('Nora N. from Austin, US').waitFor({ state: 'visible' });
  });
});
