// Live first, in Chromium: a conversion posted while a page is open shows next, even when history would
// hold the screen for ten minutes and when the page has already shown its maxPerPage history cards.
// No timer here measures "how fast": history is set up so that the live card can only appear if it
// pre-empted it (`npm run bench` measures latency).
import type { Browser } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import type { TestApp } from '../support/test-app.ts';
import { buyer, cardTitles, prepareWidgetPages, TEN_MINUTES_MS, titleOf, type WidgetPages } from './widget-pages.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const ANN = buyer('Ann', 'Lee');
const BOB = buyer('Bob', 'Stone');
const MARIA = buyer('Maria', 'Garcia');

describe.skipIf(unavailable)('live conversions first, in Chromium', () => {
  const { app } = useBrowserSuite();
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  let pages: WidgetPages;

  beforeAll(async () => {
    ({ t, baseUrl, browser } = app);
  });

  beforeEach(async () => {
    pages = await prepareWidgetPages(t, browser);
  });

  test('a live conversion replaces a history card that would otherwise stay ten minutes', async () => {
    await pages.setDisplay({ firstDelayMs: 0, displayMs: TEN_MINUTES_MS, gapMs: TEN_MINUTES_MS });
    await pages.post(ANN);
    const page = await pages.open(`${baseUrl}/demo`);
    // History on screen means widget:ready arrived, so the widget is in the site's room.
    await page.getByText(titleOf(ANN)).waitFor({ state: 'visible' });

    await pages.post(MARIA);
    await page.getByText(titleOf(MARIA)).waitFor({ state: 'visible', timeout: 10_000 });
    expect(await cardTitles(page)).toEqual([titleOf(MARIA)]);
    await saveScreenshot(page, 'widget-live-first-replaced-history');
    await page.context().close();
  });

  test('a live conversion still shows on a page that has shown maxPerPage history cards and is in a long gap', async () => {
    await pages.setDisplay({ firstDelayMs: 0, displayMs: TEN_MINUTES_MS, gapMs: TEN_MINUTES_MS, maxPerPage: 1 });
    await pages.post(ANN);
    await pages.post(BOB);
    const page = await pages.open(`${baseUrl}/demo`);
    await page.getByText(titleOf(BOB)).waitFor({ state: 'visible' }); // newest first
    await page.keyboard.press('Escape'); // the one history card this page may show is done
    await page.locator('proofhook-widget .card').waitFor({ state: 'detached' });

    await pages.post(MARIA);
    await page.getByText(titleOf(MARIA)).waitFor({ state: 'visible', timeout: 10_000 });
    expect(await cardTitles(page)).toEqual([titleOf(MARIA)]);
    // And the next one, in the gap that a dismissal leaves (ten minutes here).
    const cleo = buyer('Cleo', 'Park');
    await page.keyboard.press('Escape');
    await page.locator('proofhook-widget .card').waitFor({ state: 'detached' });
    await pages.post(cleo);
    await page.getByText(titleOf(cleo)).waitFor({ state: 'visible', timeout: 10_000 });
    expect(await cardTitles(page)).toEqual([titleOf(cleo)]);
    await page.context().close();
  });
});
