// 200-character unbroken names, emails, products and places on every admin page at 1280 px: every
// column of every table, every heading and every button stays inside the viewport (no table wider
// than its box), and a name cut short keeps its full text in a title.
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { beforeAll, describe, expect, test } from 'vitest';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { ADMIN_TOKEN, type TestApp } from '../support/test-app.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const long = (seed: string, length = 200) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
const SITE = long('Wolfeschlegelsteinhausenbergerdorff');
const NOTIFICATION = long('Donaudampfschifffahrtsgesellschaft');
const VIEWPORT = { width: 1280, height: 900 };

interface Overflow {
  page: number;
  /** Visible elements whose right edge is past the viewport: "TH Kind" */
  outside: string[];
  /** Boxes that scroll sideways: their content is wider than they are. */
  scrolling: string[];
}

function measure(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const describe = (el: Element) => `${el.tagName} ${(el.textContent ?? '').trim().slice(0, 40)}`;
    const visible = (el: Element) => {
      const rect = el.getBoundingClientRect();
      return rect.width > 1 && rect.height > 1 && !el.closest('.visually-hidden');
    };
    const outside = [...document.querySelectorAll('main th, main td, main h1, main h2, main button, main a')]
      .filter(visible)
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .map(describe);
    const scrolling = [...document.querySelectorAll('.table-wrap, .page-head, .breadcrumbs, .card')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map(describe);
    return { page: document.documentElement.scrollWidth - width, outside, scrolling };
  });
}

describe.skipIf(unavailable)('admin layout with long unbroken text, in Chromium at 1280 px', () => {
  const { app } = useBrowserSuite({ publicUrl: '' });
  let browser: Browser;
  let page: Page;
  let t: TestApp;
  let baseUrl: string;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, baseUrl, browser } = app);
    t.clock.set(Date.now());
    const site = (
      await t.api
        .post('/api/sites', { name: 'Shop', allowedOrigins: [`https://${long('a', 60)}.example.com`] })
        .expect(201)
    ).body;
    const stream = (await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Buyers' }).expect(201)).body;
    await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Count', kind: 'conversion' }).expect(201);
    await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Readers', kind: 'visitors' }).expect(201);
    // The API keeps names to 100 characters; twice that, written straight to storage, must still fit.
    await t.storage.sites.update(site.id, { name: SITE });
    for (const [id, suffix] of [
      [1, ''],
      [2, '2'],
      [3, '3'],
    ] as const) {
      await t.storage.notifications.update(id, { name: `${NOTIFICATION}${suffix}` });
    }
    await request(t.app)
      .post(`/hooks/${stream.ingestToken}`)
      .send({
        email: `${long('x', 64)}@${long('y', 60)}.example.com`,
        firstName: long('Maximiliana'),
        lastName: long('Oberschleissheimer'),
        city: long('Llanfairpwllgwyngyll'),
        countryCode: 'GB',
        productName: long('Superkalifragilistisch'),
        total: 12,
        currency: 'EUR',
      })
      .expect(200);

    const context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(`${baseUrl}/admin/login`);
    await page.getByLabel('Admin token or password').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
  });

  test.each([
    ['sites', '/admin', 'Create a site'],
    ['site', '/admin/sites/1', 'Getting started'],
    ['inspector with a delivery open', '/admin/notifications/1/inspector/1', 'Delivery #1'],
    ['conversions', '/admin/notifications/1/conversions', 'Erase a person'],
    ['settings', '/admin/notifications/1/settings', 'Settings'],
    ['counter stats', '/admin/notifications/2/stats', undefined],
    ['visitors preview', '/admin/notifications/3', undefined],
  ])('%s: every column, heading and button inside the viewport', async (name, path, heading) => {
    await page.goto(`${baseUrl}${path}`);
    if (heading) await page.getByRole('heading', { name: heading }).first().waitFor();
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    await saveScreenshot(page, `admin-layout-${name.replaceAll(' ', '-')}`);
    expect(await measure(page)).toEqual({ page: 0, outside: [], scrolling: [] });
  });

  test('names cut short keep their full text in a title', async () => {
    await page.goto(`${baseUrl}/admin/sites/1`);
    const names = page.getByRole('rowheader');
    await names.first().waitFor();
    expect(await names.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('title')))).toEqual([
      NOTIFICATION,
      `${NOTIFICATION}2`,
      `${NOTIFICATION}3`,
    ]);
    await page.getByRole('link', { name: 'Sites', exact: true }).first().click();
    await expect(page.getByRole('link', { name: SITE, exact: true }).getAttribute('title')).resolves.toBe(SITE);
    expect(problems).toEqual([]);
  });
});
