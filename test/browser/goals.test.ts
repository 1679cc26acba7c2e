// Goals in Chromium, one isolated browser context per visitor: a visitor who saw the popup, one who
// clicked it, one in the control group and one who reached a goal before any popup. Each reaches goals
// (a data-proofhook-goal click, window.proofhook.goal, a URL goal), and the report's numbers equal
// exactly what the visitors did. The control group is chosen by the test hook docs/goals.md describes:
// the random draw `r` stored under localStorage `proofhook:goals:<widget key>` before the widget
// loads; r below controlPercent / 100 is control, so r = 0 is control and r = 0.99 never is (share ≤ 50 %).
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test, vi } from 'vitest';
import { browserUnavailableReason } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { ADMIN_TOKEN } from '../support/test-app.ts';
import request from 'supertest';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const TEN_MINUTES_MS = 10 * 60_000;

describe.skipIf(unavailable)('goals, exposure and the control group in Chromium', () => {
  const { app, shop } = useBrowserSuite();
  const { pages } = shop;

  test('visitors who saw, clicked, were held back or saw nothing are counted in their groups', async () => {
    const { t, baseUrl, browser } = app;
    t.clock.set(Date.now());
    const site = (await t.api.post('/api/sites', { name: 'Sneaker Shop', allowedOrigins: [shop.url] }).expect(201))
      .body;
    const notification = (
      await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Recent purchases' }).expect(201)
    ).body;
    // The popup stays until clicked, and never shows on the thank-you page (so a landing there stays unexposed).
    await t.api
      .patch(`/api/notifications/${notification.id}`, {
        display: { firstDelayMs: 0, displayMs: TEN_MINUTES_MS, exclude: ['/thank-you*', '/plain*'] },
      })
      .expect(200);
    await request(t.app)
      .put(`/api/sites/${site.id}/goals/settings`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ enabled: true, urlGoals: [{ name: 'purchase', path: '/thank-you*', value: 20 }], controlPercent: 50 })
      .expect(200);
    // The popup's link leads to the thank-you page: clicking it reaches the URL goal.
    await request(t.app)
      .post(`/hooks/${notification.ingestToken}`)
      .send({
        email: 'maria@example.com',
        firstName: 'Maria',
        lastName: 'Garcia',
        productName: 'Sneakers',
        productLink: `${shop.url}/thank-you.html`,
      })
      .expect(200);
    const tag = `<script src="${baseUrl}/widget.js" data-key="${site.widgetKey}" async></script>`;
    pages['/shop.html'] = {
      html: `<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Sneaker Shop</h1>
        <button type="button" data-proofhook-goal="signup" data-proofhook-value="49.90"><span>Sign up</span></button>${tag}</body></html>`,
    };
    // A goal reached before the widget has connected, on a page that leaves at once: sent from the next page.
    pages['/leave.html'] = {
      html: `<!doctype html><html lang="en"><head><title>Leaving</title></head><body>
        <script src="${baseUrl}/widget.js" data-key="${site.widgetKey}"></script>
        <script>window.proofhook.goal('newsletter', 3); location.replace('/plain.html');</script></body></html>`,
    };
    pages['/plain.html'] = {
      html: `<!doctype html><html lang="en"><head><title>Plain</title></head><body><h1>Plain</h1>${tag}</body></html>`,
    };
    pages['/thank-you.html'] = {
      html: `<!doctype html><html lang="en"><head><title>Thanks</title></head><body><h1>Thank you</h1>${tag}</body></html>`,
    };

    const contexts: BrowserContext[] = [];
    /** A visitor of their own (own localStorage), with the control-group draw set before the widget loads. */
    const visitor = async (draw: number): Promise<Page> => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      contexts.push(context);
      await context.addInitScript(
        ([key, value]) => {
          if (!localStorage.getItem(key)) localStorage.setItem(key, value);
        },
        [`proofhook:goals:${site.widgetKey}`, JSON.stringify({ r: draw })] as const,
      );
      return context.newPage();
    };
    const report = async () => (await t.api.get(`/api/sites/${site.id}/goals/report?window=7d`).expect(200)).body;
    const popup = (page: Page) => page.getByText('Maria G.', { exact: false });
    const goalIn = (
      body: { goals: Array<{ goal: string; groups: { control: { completions: number } } }> },
      name: string,
    ) => body.goals.find((goal) => goal.goal === name);
    const stored = (page: Page) =>
      page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}'), `proofhook:goals:${site.widgetKey}`);

    // Saw the popup, then signed up with a data-proofhook-goal button (value from data-proofhook-value).
    const saw = await visitor(0.99);
    await saw.goto(`${shop.url}/shop.html`);
    await popup(saw).waitFor({ state: 'visible' });
    await saw.getByText('Sign up').click();
    await vi.waitFor(async () => expect((await report()).goals).toHaveLength(1), { timeout: 10_000 });
    await saw.goto(`${shop.url}/leave.html`);
    await saw.waitForURL(`${shop.url}/plain.html`);
    await vi.waitFor(async () => expect(goalIn(await report(), 'newsletter')).toBeDefined(), { timeout: 10_000 });

    // Clicked the popup, which led to the thank-you page: the URL goal, attributed to the notification.
    const clicked = await visitor(0.99);
    await clicked.goto(`${shop.url}/shop.html`);
    await popup(clicked).click();
    await clicked.waitForURL(`${shop.url}/thank-you.html`);
    await vi.waitFor(
      async () => expect((await report()).goals.map((g: { goal: string }) => g.goal)).toContain('purchase'),
      {
        timeout: 10_000,
      },
    );

    // Control: counted, never shown a popup; signs up through window.proofhook.goal, then buys.
    const control = await visitor(0);
    await control.goto(`${shop.url}/shop.html`);
    await vi.waitFor(async () => expect((await report()).visitors.control).toBe(1), { timeout: 10_000 });
    await control.evaluate(() =>
      (window as unknown as { proofhook: { goal(n: string, v: number): void } }).proofhook.goal('signup', 49.9),
    );
    await vi.waitFor(async () => expect(goalIn(await report(), 'signup')?.groups.control.completions).toBe(1), {
      timeout: 10_000,
    });
    // The server sent this socket its snapshot right after the handshake, seconds ago; the visitors outside
    // the control group saw the same popup at once.
    await expect(popup(control).count()).resolves.toBe(0);
    await expect(control.locator('proofhook-widget').count()).resolves.toBe(1);
    await control.goto(`${shop.url}/thank-you.html`);
    await vi.waitFor(async () => expect(goalIn(await report(), 'purchase')?.groups.control.completions).toBe(1), {
      timeout: 10_000,
    });
    expect(await stored(control)).toMatchObject({ r: 0, t: ['v:control', 'g:signup', 'g:purchase'] });

    // Landed on the thank-you page before any popup: unexposed.
    const unexposed = await visitor(0.99);
    await unexposed.goto(`${shop.url}/thank-you.html`);
    await vi.waitFor(async () => expect((await report()).visitors.unexposed).toBe(3), { timeout: 10_000 });

    await vi.waitFor(
      async () => {
        const body = await report();
        expect(body.visitors).toEqual({ exposed: 2, clicked: 1, unexposed: 3, control: 1 });
        const byGoal = Object.fromEntries(body.goals.map((g: { goal: string; groups: unknown }) => [g.goal, g.groups]));
        expect(byGoal.signup).toEqual({
          exposed: { visitors: 2, completions: 1, converters: 1, conversionRate: 0.5, value: 49.9 },
          clicked: { visitors: 1, completions: 0, converters: 0, conversionRate: 0, value: 0 },
          unexposed: { visitors: 3, completions: 0, converters: 0, conversionRate: 0, value: 0 },
          control: { visitors: 1, completions: 1, converters: 1, conversionRate: 1, value: 49.9 },
        });
        expect(byGoal.newsletter).toEqual({
          exposed: { visitors: 2, completions: 1, converters: 1, conversionRate: 0.5, value: 3 },
          clicked: { visitors: 1, completions: 0, converters: 0, conversionRate: 0, value: 0 },
          unexposed: { visitors: 3, completions: 0, converters: 0, conversionRate: 0, value: 0 },
          control: { visitors: 1, completions: 0, converters: 0, conversionRate: 0, value: 0 },
        });
        expect(byGoal.purchase).toEqual({
          exposed: { visitors: 2, completions: 1, converters: 1, conversionRate: 0.5, value: 20 },
          clicked: { visitors: 1, completions: 1, converters: 1, conversionRate: 1, value: 20 },
          unexposed: { visitors: 3, completions: 1, converters: 1, conversionRate: 1 / 3, value: 20 },
          control: { visitors: 1, completions: 1, converters: 1, conversionRate: 1, value: 20 },
        });
        expect(body.goals[0].uplift.summary).toBe('Too small to tell: the exposed group has 2 visitors (30 needed).');
        expect(body.notifications).toEqual([
          {
            notificationId: notification.id,
            name: 'Recent purchases',
            impressions: 2,
            clicks: 1,
            goals: [{ goal: 'purchase', completions: 1, value: 20 }],
          },
        ]);
      },
      { timeout: 10_000 },
    );
    // Nothing that identifies a visitor was kept in the browser beyond the draw, times and today's list.
    expect(Object.keys(await stored(clicked)).sort()).toEqual(['c', 'd', 'n', 'p', 'r', 's', 't']);
    expect(await clicked.context().cookies()).toEqual([]);

    // Goals turned off: on its next page, a browser drops what it kept for them.
    await request(t.app)
      .put(`/api/sites/${site.id}/goals/settings`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ enabled: false })
      .expect(200);
    await clicked.goto(`${shop.url}/plain.html`);
    await clicked.waitForFunction((key) => localStorage.getItem(key) === null, `proofhook:goals:${site.widgetKey}`);
    for (const context of contexts) await context.close();
  });

  test('with goals off (the default), or left out by the page, the widget shows popups and keeps and sends nothing for goals', async () => {
    const { t, baseUrl, browser } = app;
    t.clock.set(Date.now());
    const site = (await t.api.post('/api/sites', { name: 'Quiet Shop', allowedOrigins: [shop.url] }).expect(201)).body;
    const notification = (
      await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Recent purchases' }).expect(201)
    ).body;
    await t.api
      .patch(`/api/notifications/${notification.id}`, { display: { firstDelayMs: 0, displayMs: TEN_MINUTES_MS } })
      .expect(200);
    await request(t.app)
      .post(`/hooks/${notification.ingestToken}`)
      .send({ email: 'ana@example.com', firstName: 'Ana', lastName: 'Lopez', productName: 'Boots' })
      .expect(200);
    pages['/quiet.html'] = {
      html: `<!doctype html><html lang="en"><head><title>Quiet</title></head><body>
        <button type="button" data-proofhook-goal="signup">Sign up</button>
        <script src="${baseUrl}/widget.js" data-key="${site.widgetKey}" async></script></body></html>`,
    };
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${shop.url}/quiet.html`);
    // The popup shows only after the goal settings arrived (the widget's events wait for them).
    await page.getByText('Ana L.', { exact: false }).waitFor({ state: 'visible' });
    await page.getByText('Sign up').click();
    await page.evaluate(() =>
      (window as unknown as { proofhook: { goal(n: string, v: number): void } }).proofhook.goal('signup', 5),
    );
    const keys = await page.evaluate(() => Object.keys(localStorage));
    expect(keys.filter((key) => key.startsWith('proofhook:goals:'))).toEqual([]);
    const report = (await t.api.get(`/api/sites/${site.id}/goals/report`).expect(200)).body;
    expect(report.visitors).toEqual({ exposed: 0, clicked: 0, unexposed: 0, control: 0 });
    expect(report.goals).toEqual([]);
    await context.close();

    // Goals on for the site, but this page leaves them out (as a page would until its visitor consents).
    await request(t.app)
      .put(`/api/sites/${site.id}/goals/settings`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ enabled: true, controlPercent: 50 })
      .expect(200);
    pages['/consent.html'] = {
      html: pages['/quiet.html']?.html.replace('data-key=', 'data-goals="off" data-key=') ?? '',
    };
    const withoutConsent = await browser.newContext();
    const later = await withoutConsent.newPage();
    await later.goto(`${shop.url}/consent.html`);
    await later.getByText('Ana L.', { exact: false }).waitFor({ state: 'visible' });
    await later.evaluate(() =>
      (window as unknown as { proofhook: { goal(n: string, v: number): void } }).proofhook.goal('signup', 5),
    );
    expect(await later.evaluate(() => Object.keys(localStorage))).toEqual([]);
    const after = (await t.api.get(`/api/sites/${site.id}/goals/report`).expect(200)).body;
    expect(after.visitors).toEqual({ exposed: 0, clicked: 0, unexposed: 0, control: 0 });
    await withoutConsent.close();
  });

  test("the admin's Goals page shows the report and saves settings, refusing a wrong share with a sentence", async () => {
    const { t, baseUrl, browser } = app;
    const site = (await t.api.post('/api/sites', { name: 'Admin Shop', allowedOrigins: [] }).expect(201)).body;
    await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Recent purchases' }).expect(201);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin/sites/${site.id}`);
    await page.getByLabel('Admin token or password').fill(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Goals: does the popup pay?' }).click();
    await page.getByRole('heading', { name: 'Goals', level: 1 }).waitFor();
    await page.getByText('No goal reached yet in this period.').waitFor();
    await page.getByRole('row', { name: /Recent purchases/ }).waitFor();

    await page.getByLabel('Count goals on this site').check();
    await page.getByLabel('Control group (% of browsers that never see a popup)').fill('60');
    await page.getByRole('button', { name: 'Save goal settings' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'must be at most 50' }).textContent()).resolves.toBe(
      'The control group share (per cent) must be at most 50.',
    );
    await page.getByLabel('Control group (% of browsers that never see a popup)').fill('20');
    await page.getByRole('button', { name: 'Add a URL goal' }).click();
    await page.getByLabel('Goal name').fill('purchase');
    await page.getByLabel('Path').fill('/thank-you*');
    await page.getByRole('button', { name: 'Save goal settings' }).click();
    await vi.waitFor(async () =>
      expect((await t.api.get(`/api/sites/${site.id}/goals/settings`).expect(200)).body).toEqual({
        enabled: true,
        urlGoals: [{ name: 'purchase', path: '/thank-you*' }],
        attributionWindowDays: 7,
        controlPercent: 20,
      }),
    );
    await context.close();
  });
});
