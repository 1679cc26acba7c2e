// Shared set-up for the widget's browser tests: a fresh demo site per test, its display rules set through
// the admin API, conversions posted to its webhook, and pages opened in their own browser contexts.
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import type { WidgetDisplayRules } from '../../shared/protocol.ts';
import { type DemoSite, ensureDemoSite } from '../../server/demo/demo-site.ts';
import type { TestApp } from '../support/test-app.ts';
import { openPage, waitForWidgets } from './browser-suite.ts';

/** Long enough that a history card or gap that lasts this long can only be cut short by a live conversion. */
export const TEN_MINUTES_MS = 10 * 60_000;

/** A buyer as a store's webhook sends one; the popup's title is `${firstName} ${lastName[0]}. from Austin, US`. */
export function buyer(firstName: string, lastName: string, productName = 'Sneakers') {
  return {
    email: `${firstName}.${lastName}@example.com`.toLowerCase(),
    firstName,
    lastName,
    city: 'Austin',
    countryCode: 'US',
    products: [{ name: productName, price: 120 }],
  };
}

export const titleOf = (person: { firstName: string; lastName: string }) =>
  `${person.firstName} ${person.lastName[0]}. from Austin, US`;

export interface WidgetPages {
  demo: DemoSite;
  /** PATCH /api/notifications/:id { display } (merged into the stored rules). */
  setDisplay(display: Partial<WidgetDisplayRules>): Promise<void>;
  post(body: object): Promise<void>;
  /**
   * A page in a browser context of its own (its own localStorage and sessionStorage); `prepare` runs
   * before it navigates (listeners that must not miss the first request).
   */
  open(url: string, viewport?: { width: number; height: number }, prepare?: (page: Page) => unknown): Promise<Page>;
  /** Resolves once `count` widgets of the demo site are connected. */
  waitForWidgets(count?: number): Promise<void>;
}

/** A fresh demo site, so no test sees another's conversions; the server's clock set to the browser's. */
export async function prepareWidgetPages(t: TestApp, browser: Browser): Promise<WidgetPages> {
  t.clock.set(Date.now());
  await t.storage.settings.set('demo_site_id', '0');
  const demo = await ensureDemoSite(t.storage);
  const hookPath = `/hooks/${demo.notification.ingestToken}`;
  return {
    demo,
    async setDisplay(display) {
      await t.api.patch(`/api/notifications/${demo.notification.id}`, { display }).expect(200);
    },
    async post(body) {
      await request(t.app).post(hookPath).send(body).expect(200);
    },
    open: (url, viewport, prepare) => openPage({ browser }, url, viewport, prepare),
    waitForWidgets: (count = 1) => waitForWidgets(t, demo.site.id, count),
  };
}

/** Cards currently in the widget's shadow root, by title. */
export function cardTitles(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...(document.querySelector('proofhook-widget')?.shadowRoot?.querySelectorAll('.card:not(.out) .title') ?? [])].map(
      (title) => title.textContent ?? '',
    ),
  );
}
