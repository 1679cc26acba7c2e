// The owner's privacy level in the real popup, in Debian's Chromium: set through the admin API, it
// decides what the live popup and a reloaded page's history show, and nothing more reaches the page.
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { type DemoSite, ensureDemoSite } from '../../server/demo/demo-site.ts';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import type { TestApp } from '../support/test-app.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const MARIA = {
  email: 'maria.garcia@example.com',
  firstName: 'Maria',
  lastName: 'Garcia',
  city: 'Austin',
  state: 'Texas',
  countryCode: 'US',
  productName: 'Sneakers',
};

interface LevelCase {
  display: Record<string, unknown>;
  title: string;
  /** Text that must appear nowhere in the widget, nor in what the page's script could read. */
  hidden: RegExp;
  /** The avatar: the first name's initial, or the person icon when there is no name. */
  avatar: string;
}

const LEVELS: Array<[string, LevelCase]> = [
  [
    'first name and initial (the default)',
    { display: {}, title: 'Maria G. from Austin, US', hidden: /Garcia|maria\.garcia/, avatar: 'M' },
  ],
  [
    'first name only',
    {
      display: { privacy: 'first' },
      title: 'Maria from Austin, US',
      hidden: /Maria G|Garcia|lastInitial/,
      avatar: 'M',
    },
  ],
  [
    'anonymous',
    {
      display: { privacy: 'anonymous' },
      title: 'Someone from Austin, US',
      hidden: /Maria|Garcia|firstName/,
      avatar: '',
    },
  ],
  [
    'anonymous, without city or country',
    {
      display: { privacy: 'anonymous', showCity: false, showCountry: false },
      title: 'Someone',
      hidden: /Maria|Garcia|firstName|Austin|Texas|countryCode/,
      avatar: '',
    },
  ],
];

describe.skipIf(unavailable)('privacy levels in the real popup', () => {
  const { app } = useBrowserSuite();
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  let demo: DemoSite;

  beforeAll(async () => {
    ({ t, baseUrl, browser } = app);
  });

  beforeEach(async () => {
    // A fresh demo site per test, so no test sees another's conversions; the server's clock is the
    // browser's, so the widget's history window holds what was just posted.
    t.clock.set(Date.now());
    await t.storage.settings.set('demo_site_id', '0');
    demo = await ensureDemoSite(t.storage);
  });

  async function waitForWidget(siteId: number) {
    await vi.waitFor(
      () => {
        if (t.realtime.countVisitors(siteId) < 1) throw new Error('the widget has not connected yet');
      },
      { timeout: 10_000, interval: 25 },
    );
  }

  /** Everything the widget put on the page: its shadow root's text and the avatar's letter. */
  async function widgetText(page: Page) {
    return page.evaluate(() => {
      const root = document.querySelector('proofhook-widget')?.shadowRoot;
      return { text: root?.textContent ?? '', avatar: root?.querySelector('.avatar')?.textContent ?? '' };
    });
  }

  /** A new visitor's page (its own browser session), recording the widget's WebSocket frames. */
  async function openDemo() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const received: string[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => received.push(String(frame.payload))));
    await page.goto(`${baseUrl}/demo`);
    return { page, received };
  }

  test.each(LEVELS)('%s', async (name, { display, title, hidden, avatar }) => {
    await t.api
      .patch(`/api/notifications/${demo.notification.id}`, {
        // No first delay and a long display: the popup shows as soon as the widget has it, and stays.
        display: { firstDelayMs: 0, displayMs: 20_000, ...display },
      })
      .expect(200);
    const first = await openDemo();
    await waitForWidget(demo.site.id);
    await request(t.app).post(`/hooks/${demo.notification.ingestToken}`).send(MARIA).expect(200);
    await first.page.locator('proofhook-widget .card').getByText(title, { exact: true }).waitFor({ state: 'visible' });
    const live = await widgetText(first.page);
    expect(live.text).not.toMatch(hidden);
    expect(live.avatar).toBe(avatar);
    expect(first.received.length, 'the widget talks over a WebSocket').toBeGreaterThan(0);
    expect(first.received.join('\n')).not.toMatch(hidden);
    await saveScreenshot(first.page, `privacy-${name.replace(/\W+/g, '-')}`);
    await first.page.context().close();

    // A visitor who comes later gets the same conversion from the history, cut down the same way.
    const later = await openDemo();
    await later.page.locator('proofhook-widget .card').getByText(title, { exact: true }).waitFor({ state: 'visible' });
    expect((await widgetText(later.page)).text).not.toMatch(hidden);
    const wire = later.received.join('\n');
    expect(wire).toContain('widget:ready');
    expect(wire).not.toMatch(hidden);
    expect(wire).not.toMatch(/privacy|showCity|showCountry/);
    await later.page.context().close();
  });
});
