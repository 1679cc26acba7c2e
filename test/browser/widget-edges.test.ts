// The widget's edges, in Chromium: long text clamps to two lines at desktop and phone widths; a refused
// origin says so once in the console and stops; data-offline opens no socket and takes its data from the
// page; the owner's preview and test events are labelled.
import type { Browser, Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { PublicConversion, WidgetReadyPayload } from '../../shared/protocol.ts';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import type { TestApp } from '../support/test-app.ts';
import { prepareWidgetPages, type WidgetPages } from './widget-pages.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

/** What an admin preview feeds the widget: one stream notification, shown at once and for a long time. */
function readyPayload(overrides: Partial<WidgetReadyPayload> = {}): WidgetReadyPayload {
  return {
    serverTime: Date.now(),
    notifications: [
      {
        id: 1,
        kind: 'stream',
        display: {
          firstDelayMs: 0,
          displayMs: 10 * 60_000,
          gapMs: 0,
          maxPerPage: 100,
          maxPerSession: 100,
          loop: false,
          order: 'newest',
          position: 'bottom-left',
          mobile: 'bottom',
          include: [],
          exclude: [],
          historyLimit: 20,
          historyMaxAgeMs: 7 * 24 * 3600_000,
          minimumCount: 1,
          counterWindowMs: 24 * 3600_000,
          minDisplayMs: 0,
          maxLivePerMinute: 100,
          muteHoursOnClose: 0,
        },
      },
    ],
    conversions: [],
    counters: [],
    visitors: null,
    ...overrides,
  };
}

function conversion(id: number, overrides: Partial<PublicConversion> = {}): PublicConversion {
  return {
    id,
    notificationId: 1,
    moreProducts: 0,
    timestamp: Date.now(),
    title: 'Maria G. from Austin, US',
    message: 'purchased Sneakers',
    ...overrides,
  };
}

/** Feeds the widget through its handle, as the admin's preview frame does. */
async function feed(page: Page, event: 'widget:ready' | 'conversion:created', payload: unknown) {
  await page.waitForFunction(() => 'receive' in ((window as { __proofhook?: object }).__proofhook ?? {}));
  await page.evaluate(
    ([name, data]) =>
      (window as unknown as { __proofhook: { receive(e: string, p: unknown): void } }).__proofhook.receive(name, data),
    [event, payload] as const,
  );
}

/** Heights of the card and its lines, and whether anything is wider than its box. */
function measureCard(page: Page) {
  return page.evaluate(() => {
    const card = document.querySelector('proofhook-widget')?.shadowRoot?.querySelector('.card:not(.out)');
    const line = (selector: string) => {
      const element = card?.querySelector(selector) as HTMLElement;
      return {
        height: element.getBoundingClientRect().height,
        lineHeight: Number.parseFloat(getComputedStyle(element).lineHeight),
        overflowsSideways: element.scrollWidth > element.clientWidth + 1,
        ellipsis: getComputedStyle(element).textOverflow === 'ellipsis',
        withinCard: element.getBoundingClientRect().right <= (card as HTMLElement).getBoundingClientRect().right,
      };
    };
    const box = (card as HTMLElement).getBoundingClientRect();
    return { height: box.height, right: box.right, title: line('.title'), message: line('.message') };
  });
}

describe.skipIf(unavailable)('widget edges, in Chromium', () => {
  const { app, shop: fixtures } = useBrowserSuite();
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  let pages: WidgetPages;

  beforeAll(async () => {
    ({ t, baseUrl, browser } = app);
  });

  beforeEach(async () => {
    pages = await prepareWidgetPages(t, browser);
    const page = (attributes: string) =>
      // A favicon of its own, so the page makes no request that could log an error of its own.
      `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"></head><body><p>Shop</p>
      <script src="${baseUrl}/widget.js" data-key="${pages.demo.site.widgetKey}" ${attributes} async></script></body></html>`;
    fixtures.pages['/offline.html'] = { html: page('data-offline') };
    fixtures.pages['/shop.html'] = { html: page('') };
  });

  test.each([
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 375, height: 667 }],
  ])('a 300-character name and product stay within two lines on %s', async (name, viewport) => {
    const page = await pages.open(`${fixtures.url}/offline.html`, viewport);
    // A history card first; the long one comes live and replaces it (minDisplayMs 0 in these rules).
    await feed(page, 'widget:ready', readyPayload({ conversions: [conversion(1)] }));
    await page.getByText('Maria G. from Austin, US').waitFor({ state: 'visible' });
    const short = await measureCard(page);

    const longWord = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(9).slice(0, 300);
    const longWords = 'Limited Edition Handmade Leather '.repeat(10).slice(0, 300);
    await feed(
      page,
      'conversion:created',
      conversion(2, { title: `${longWord} G. from Austin, US`, message: `purchased ${longWords}` }),
    );
    await page.getByText(longWord, { exact: false }).waitFor({ state: 'visible' });
    const long = await measureCard(page);

    for (const line of [long.title, long.message]) {
      expect(line.height).toBeLessThanOrEqual(2 * line.lineHeight + 1);
      expect(line.withinCard).toBe(true);
      // Wide cards break the long word over two lines; the phone strip keeps one line with an ellipsis.
      if (name === 'phone') expect(line.ellipsis).toBe(true);
      else expect(line.overflowsSideways).toBe(false);
    }
    expect(long.height).toBeLessThanOrEqual(short.height + short.title.lineHeight + short.message.lineHeight + 1);
    expect(long.right).toBeLessThanOrEqual(viewport.width);
    await saveScreenshot(page, `widget-edges-long-text-${name}`);
    await page.context().close();
  });

  test('data-offline opens no socket; the preview and a test event are labelled with text, not markup', async () => {
    const sockets: string[] = [];
    const page = await pages.open(`${fixtures.url}/offline.html`, undefined, (fresh) =>
      fresh.on('websocket', (socket) => sockets.push(socket.url())),
    );
    await feed(page, 'widget:ready', readyPayload({ preview: true }));
    await feed(page, 'conversion:created', conversion(-1, { test: true, title: '<b>Maria</b> G. from Austin, US' }));
    await page.getByText('<b>Maria</b> G. from Austin, US').waitFor({ state: 'visible' });
    const badges = page.locator('proofhook-widget .badge');
    expect(await badges.allTextContents()).toEqual(['Preview', 'Test']);
    expect(await page.locator('proofhook-widget b').count()).toBe(0);
    expect(sockets).toEqual([]);
    expect(t.realtime.countVisitors(pages.demo.site.id)).toBe(0);
    await saveScreenshot(page, 'widget-edges-preview-labels');
    await page.context().close();
  });

  test('a refused origin logs one warning naming "Allowed origins" and the page origin, no error, no retry', async () => {
    await t.api.patch(`/api/sites/${pages.demo.site.id}`, { allowedOrigins: ['https://shop.example.com'] }).expect(200);
    const context = await browser.newContext();
    const page = await context.newPage();
    const warnings: string[] = [];
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.clock.install();
    await page.goto(`${fixtures.url}/shop.html`);
    await expect.poll(() => warnings.length, { timeout: 10_000 }).toBe(1);
    // Thirty minutes of the widget's timers: a retry (backoff up to 30 s) would open a socket and warn again.
    await page.clock.runFor(30 * 60_000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"Allowed origins"');
    expect(warnings[0]).toContain(fixtures.url);
    expect(errors).toEqual([]);
    expect(sockets).toHaveLength(1);
    await context.close();
  });
});
