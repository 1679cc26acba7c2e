// The set-up every browser test file shares: one app serving the built widget, Chromium to drive it,
// and a second origin for third-party pages (a customer's shop), all started before the file's tests
// and closed after them; pages opened in browser contexts of their own; waiting for widgets to connect.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, vi } from 'vitest';
import { type BrowserApp, serveFixturePages, startBrowserApp } from '../support/browser.ts';
import type { AnyTestApp } from '../support/test-app.ts';

/** Pages of the third-party origin, by path; a test may add one at any time (they are looked up per request). */
export type FixturePages = Record<string, { html: string; headers?: Record<string, string> }>;

export interface ThirdPartyOrigin {
  pages: FixturePages;
  /** Its base URL, e.g. http://127.0.0.1:41234 (another port, so another origin than the app). */
  readonly url: string;
}

export interface BrowserSuite {
  /** The app and Chromium; its fields can be read once the file's beforeAll hooks have run. */
  app: BrowserApp;
  shop: ThirdPartyOrigin;
}

/**
 * Registers the file's beforeAll/afterAll: starts the app (publicUrl '' for the admin page's
 * same-origin links), Chromium and the third-party origin, and closes them after the last test.
 */
export function useBrowserSuite(options: { publicUrl?: string } = {}): BrowserSuite {
  let started: BrowserApp | undefined;
  let origin: { url: string; close(): Promise<void> } | undefined;
  const pages: FixturePages = {};
  const running = (): BrowserApp => {
    if (!started) throw new Error('the browser suite is not running: read it inside tests and hooks');
    return started;
  };

  beforeAll(async () => {
    started = await startBrowserApp(options);
    origin = await serveFixturePages(pages);
  });
  afterAll(async () => {
    await origin?.close();
    await started?.close();
  });

  return {
    app: {
      get t() {
        return running().t;
      },
      get baseUrl() {
        return running().baseUrl;
      },
      get browser() {
        return running().browser;
      },
      close: () => running().close(),
    },
    shop: {
      pages,
      get url() {
        if (!origin) throw new Error('the browser suite is not running: read it inside tests and hooks');
        return origin.url;
      },
    },
  };
}

/**
 * A page in a browser context of its own (its own storage and cookies); `prepare` runs before it
 * navigates (listeners and init scripts that must not miss the first request).
 */
export async function openPage(
  app: Pick<BrowserApp, 'browser'>,
  url: string,
  viewport = { width: 1280, height: 800 },
  prepare?: (page: Page) => unknown,
): Promise<Page> {
  const context = await app.browser.newContext({ viewport });
  const page = await context.newPage();
  await prepare?.(page);
  await page.goto(url);
  return page;
}

/** Resolves once `count` widgets of the site are connected to the app; the limit only stops a hang. */
export async function waitForWidgets(t: AnyTestApp, siteId: number, count = 1): Promise<void> {
  await vi.waitFor(
    () => {
      if (t.realtime.countVisitors(siteId) < count) throw new Error('the widgets have not connected yet');
    },
    { timeout: 20_000, interval: 25 },
  );
}
