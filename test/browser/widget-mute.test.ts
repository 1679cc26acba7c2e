// "Close means close", in Chromium: with muteHoursOnClose set, the close button mutes the widget in this
// browser (localStorage, no cookie) and the mute survives a reload; another browser still sees popups.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type BrowserApp, browserUnavailableReason, startBrowserApp } from '../support/browser.ts';
import type { TestApp } from '../support/test-app.ts';
import { buyer, prepareWidgetPages, TEN_MINUTES_MS, titleOf, type WidgetPages } from './widget-pages.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const HOUR_MS = 3600_000;
const ANN = buyer('Ann', 'Lee');
const BOB = buyer('Bob', 'Stone');
const MARIA = buyer('Maria', 'Garcia');

/** From the next navigation on: every card title the widget puts on screen, recorded as it happens. */
async function recordCards(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cardsShown: string[] }).__cardsShown = seen;
    let watched: ShadowRoot | undefined;
    new MutationObserver(() => {
      const root = document.querySelector('proofhook-widget')?.shadowRoot;
      if (!root || root === watched) return;
      watched = root;
      new MutationObserver(() => {
        for (const title of root.querySelectorAll('.card .title')) {
          if (!seen.includes(title.textContent ?? '')) seen.push(title.textContent ?? '');
        }
      }).observe(root, { childList: true, subtree: true });
    }).observe(document, { childList: true, subtree: true });
  });
}

const cardsShown = (page: Page) => page.evaluate(() => (window as unknown as { __cardsShown: string[] }).__cardsShown);

describe.skipIf(unavailable)('mute on close, in Chromium', () => {
  let app: BrowserApp;
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  let pages: WidgetPages;

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ t, baseUrl, browser } = app);
  });

  afterAll(() => app?.close());

  beforeEach(async () => {
    pages = await prepareWidgetPages(t, browser);
  });

  test('the close button mutes the widget for muteHoursOnClose hours, and a reload stays muted', async () => {
    await pages.setDisplay({ firstDelayMs: 0, displayMs: TEN_MINUTES_MS, muteHoursOnClose: 2 });
    await pages.post(ANN);
    const muted = await pages.open(`${baseUrl}/demo`);
    await recordCards(muted);
    await muted.getByText(titleOf(ANN)).waitFor({ state: 'visible' });
    const before = Date.now();
    await muted.getByRole('button', { name: 'Dismiss notification' }).click();
    await muted.locator('proofhook-widget .card').waitFor({ state: 'detached' });
    const storageKey = `proofhook:muted-until:${pages.demo.site.widgetKey}`;
    const until = Number(await muted.evaluate((key) => localStorage.getItem(key), storageKey));
    expect(until).toBeGreaterThanOrEqual(before + 2 * HOUR_MS - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 2 * HOUR_MS);
    expect(await muted.context().cookies()).toEqual([]);

    await pages.post(BOB); // history the reloaded page would show at once
    await muted.reload();
    // Another browser sees Bob, then Maria live: by then the muted page has received both too.
    const other = await pages.open(`${baseUrl}/demo`);
    await other.getByText(titleOf(BOB)).waitFor({ state: 'visible' });
    await pages.waitForWidgets(2);
    await pages.post(MARIA);
    await other.getByText(titleOf(MARIA)).waitFor({ state: 'visible', timeout: 10_000 });
    expect(await cardsShown(muted)).toEqual([]);

    // Held back, not lost: once the mute is gone, the page shows what it was holding.
    await muted.evaluate((key) => {
      localStorage.removeItem(key);
      document.dispatchEvent(new Event('visibilitychange'));
    }, storageKey);
    await muted.locator('proofhook-widget .card').waitFor({ state: 'visible' });
    expect(await cardsShown(muted)).toEqual([titleOf(MARIA)]);
    await muted.context().close();
    await other.context().close();
  });

  test('without muteHoursOnClose, the close button closes only that popup', async () => {
    await pages.setDisplay({ firstDelayMs: 0, displayMs: TEN_MINUTES_MS, gapMs: 0 });
    await pages.post(ANN);
    await pages.post(BOB);
    const page = await pages.open(`${baseUrl}/demo`);
    await page.getByText(titleOf(BOB)).waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Dismiss notification' }).click();
    await page.getByText(titleOf(ANN)).waitFor({ state: 'visible' });
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.context().close();
  });
});
