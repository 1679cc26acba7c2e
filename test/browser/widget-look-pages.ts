// Shared set-up for the language, design and targeting browser tests: a fresh site with one stream
// notification per test (through the admin API), customer pages on a second origin whose <html lang>
// and script tag each test chooses, and a record of every card title a page showed.
import type { Page } from 'playwright-core';
import request from 'supertest';
import type { BrowserApp } from '../support/browser.ts';
import { waitForWidgets } from './browser-suite.ts';

export { openPage } from './browser-suite.ts';

export interface LookSite {
  siteId: number;
  widgetKey: string;
  notificationId: number;
  /** Posts a buyer to this notification's webhook. */
  post(body: object, notificationId?: number): Promise<void>;
  /** PATCH /api/notifications/:id { display }. */
  setDisplay(display: object, notificationId?: number): Promise<void>;
  /** A second stream notification in the same site. */
  addNotification(name: string, display: object): Promise<number>;
  waitForWidgets(count?: number): Promise<void>;
}

export async function createLookSite(app: BrowserApp): Promise<LookSite> {
  const { t } = app;
  t.clock.set(Date.now());
  const site = (await t.api.post('/api/sites', { name: 'Boutique' }).expect(201)).body;
  const hooks = new Map<number, string>();
  const create = async (name: string, display: object) => {
    const created = (await t.api.post(`/api/sites/${site.id}/notifications`, { name, display }).expect(201)).body;
    hooks.set(created.id, `/hooks/${created.ingestToken}`);
    return created.id as number;
  };
  // Shown at once and for long: a card stays up until the test is done with it.
  const notificationId = await create('Purchases', { firstDelayMs: 0, displayMs: 10 * 60_000, gapMs: 0 });
  return {
    siteId: site.id,
    widgetKey: site.widgetKey,
    notificationId,
    async post(body, id = notificationId) {
      await request(t.app)
        .post(hooks.get(id) as string)
        .send(body)
        .expect(200);
    },
    async setDisplay(display, id = notificationId) {
      await t.api.patch(`/api/notifications/${id}`, { display }).expect(200);
    },
    addNotification: create,
    waitForWidgets: (count = 1) => waitForWidgets(t, site.id, count),
  };
}

/** A customer's page: `<html lang>` and extra script attributes as given. */
export function shopPage(baseUrl: string, widgetKey: string, options: { lang?: string; scriptAttrs?: string } = {}) {
  const lang = options.lang === undefined ? '' : ` lang="${options.lang}"`;
  return {
    html: `<!doctype html><html${lang}><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1>
<script src="${baseUrl}/widget.js" data-key="${widgetKey}" ${options.scriptAttrs ?? ''} async></script></body></html>`,
  };
}

/** Records every card title the page shows, from before the widget boots. */
export async function recordCards(page: Page): Promise<void> {
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

export const cardsShown = (page: Page) =>
  page.evaluate(() => (window as unknown as { __cardsShown: string[] }).__cardsShown);

/** The visible card in the widget's shadow root. */
export const card = (page: Page) => page.locator('proofhook-widget .card:not(.out)');
