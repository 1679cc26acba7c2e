// "Close means close", in Chromium: with muteHoursOnClose set, the close button mutes the widget in this
// browser (localStorage, no cookie) and the mute survives a reload; another browser still sees popups.
import type { Browser } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { browserUnavailableReason } from '../support/browser.ts';
import type { TestApp } from '../support/test-app.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { cardsShown, recordCards } from './widget-look-pages.ts';
import { buyer, prepareWidgetPages, TEN_MINUTES_MS, titleOf, type WidgetPages } from './widget-pages.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const HOUR_MS = 3600_000;
const ANN = buyer('Ann', 'Lee');
const BOB = buyer('Bob', 'Stone');
const MARIA = buyer('Maria', 'Garcia');

describe.skipIf(unavailable)('mute on close, in Chromium', () => {
  const { app } = useBrowserSuite();
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  let pages: WidgetPages;

  beforeAll(() => {
    ({ t, baseUrl, browser } = app);
  });

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
