// Debian's Chromium driven by playwright-core: nothing downloads a browser. Screenshots go to test-artifacts/.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { readWidgetBundle } from '../../server/embed/widget-bundle.ts';
import { type TestApp, createTestApp } from './test-app.ts';
import { listen } from './widget-client.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../../test-artifacts');

/** Why browser tests cannot run here, or undefined when they can. */
export function browserUnavailableReason(): string | undefined {
  return fs.existsSync(CHROMIUM_PATH)
    ? undefined
    : `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * A second origin that serves fixture pages, as a customer's website would. Pages are found by path,
 * whatever the query (a preview link adds `?proofhook-preview=…`), and looked up at each request, so
 * a test may add one after the origin is known.
 */
export async function serveFixturePages(
  pages: Record<string, { html: string; headers?: Record<string, string> }>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const page = pages[(req.url ?? '').split('?')[0] as string];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...page.headers }).end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface BrowserApp {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** Closes the browser, then the app's realtime side, HTTP server and database. */
  close(): Promise<void>;
}

/** A listening test app serving the built widget, and Chromium to drive it. */
export async function startBrowserApp(options: { publicUrl?: string } = {}): Promise<BrowserApp> {
  const bundle = readWidgetBundle(path.resolve(import.meta.dirname, '../../dist/widget/widget.js'));
  if (!bundle) throw new Error('dist/widget/widget.js is missing: run `npm run build` first');
  const t = createTestApp({ widgetBundle: bundle, ...options });
  const baseUrl = await listen(t);
  const browser = await launchChromium();
  return {
    t,
    baseUrl,
    browser,
    async close() {
      await browser.close();
      t.realtime.close();
      await new Promise((resolve) => t.io.close(resolve));
      t.close();
    },
  };
}
