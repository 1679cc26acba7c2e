// The popup speaks the page's language, in Chromium: the words come from the server in the language
// of `data-lang` or `<html lang>`, times and numbers are formatted by Intl, and Arabic and Hebrew
// pages get a card laid out right to left.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, test } from 'vitest';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { buyer } from './widget-pages.ts';
import { card, createLookSite, type LookSite, openPage, shopPage } from './widget-look-pages.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const THREE_MINUTES_MS = 3 * 60_000;

describe.skipIf(unavailable)('popup languages in Chromium', () => {
  const { app, shop } = useBrowserSuite();
  let site: LookSite;

  beforeEach(async () => {
    site = await createLookSite(app);
  });

  /** A purchase made three minutes (and a few seconds) ago, by the server's clock. */
  async function postThreeMinutesAgo(body: object) {
    const now = Date.now();
    app.t.clock.set(now - THREE_MINUTES_MS - 5000);
    await site.post(body);
    app.t.clock.set(now);
  }

  async function openShop(path: string, options: Parameters<typeof shopPage>[2]): Promise<Page> {
    shop.pages[path] = shopPage(app.baseUrl, site.widgetKey, options);
    return openPage(app, `${shop.url}${path}`);
  }

  test('a page with lang="de" shows German words and German relative time', async () => {
    await postThreeMinutesAgo({ ...buyer('Maria', 'Garcia'), products: [{ name: 'Sneakers' }, { name: 'Socks' }] });
    const page = await openShop('/de', { lang: 'de' });
    await page.getByText('Maria G. aus Austin, US').waitFor({ state: 'visible' });
    await expect(card(page).locator('.message').textContent()).resolves.toBe('hat Sneakers und 1 weitere gekauft');
    await expect(card(page).locator('time').textContent()).resolves.toBe('vor 3 Minuten');
    await expect(card(page).getByRole('button', { name: 'Benachrichtigung schließen' }).count()).resolves.toBe(1);
    await expect(card(page).getAttribute('lang')).resolves.toBe('de');
    await saveScreenshot(page, 'widget-locale-de');
  });

  test('data-lang on the script tag wins over <html lang>', async () => {
    await postThreeMinutesAgo(buyer('Maria', 'Garcia'));
    const page = await openShop('/fr', { lang: 'en', scriptAttrs: 'data-lang="fr"' });
    await page.getByText('Maria G. à Austin, US').waitFor({ state: 'visible' });
    await expect(card(page).locator('.message').textContent()).resolves.toBe('a acheté Sneakers');
    await expect(card(page).locator('time').textContent()).resolves.toBe('il y a 3 minutes');
  });

  test('a language without built-in words falls back to the site default language', async () => {
    await app.t.api.patch(`/api/sites/${site.siteId}/design`, { locale: 'es' }).expect(200);
    await postThreeMinutesAgo(buyer('Maria', 'Garcia'));
    const page = await openShop('/zh', { lang: 'zh-CN' });
    await page.getByText('Maria G. de Austin, US').waitFor({ state: 'visible' });
    await expect(card(page).locator('.message').textContent()).resolves.toBe('compró Sneakers');
    await expect(card(page).locator('time').textContent()).resolves.toBe('hace 3 minutos');
  });

  test('lang="ar" mirrors the card: dir rtl, the avatar on the right and the close button on the left', async () => {
    await postThreeMinutesAgo(buyer('Maria', 'Garcia'));
    const page = await openShop('/ar', { lang: 'ar' });
    await card(page).waitFor({ state: 'visible' });
    await expect(card(page).getAttribute('dir')).resolves.toBe('rtl');
    // Latin names and products sit in first-strong isolates (U+2068…U+2069), so "Maria G." keeps its order.
    await expect(card(page).locator('.message').textContent()).resolves.toBe('اشترى \u2068Sneakers\u2069');
    await expect(card(page).locator('.title').textContent()).resolves.toBe(
      '\u2068Maria G.\u2069 من \u2068Austin, US\u2069',
    );
    const box = async (selector: string) =>
      (await card(page).locator(selector).boundingBox()) ?? { x: Number.NaN, width: 0 };
    const [avatar, text, close] = [await box('.avatar'), await box('.text'), await box('.close')];
    expect(avatar.x).toBeGreaterThan(text.x + text.width - 1);
    expect(close.x + close.width).toBeLessThan(text.x + 1);
    await expect(card(page).getByRole('button', { name: 'إغلاق الإشعار' }).count()).resolves.toBe(1);
    await saveScreenshot(page, 'widget-locale-ar');
  });
});
