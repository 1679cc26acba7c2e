// Test mode in Debian's Chromium: the owner presses "Send test" in the inspector while a visitor has
// a page of the site open on the site's own origin. The visitor's page receives nothing of it (not a
// frame on its socket) and its counters and the stats do not move; the owner's page opened with
// "Preview on my site" shows the test with a Test badge; the Preview tab shows it too.
import type { Browser, BrowserContext, Page, WebSocket } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { ADMIN_TOKEN, type TestApp } from '../support/test-app.ts';
import { connectWidget, waitFor } from '../support/widget-client.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const SAMPLE_TITLE = 'Maria G. from Austin, US'; // what Send test's Proofhook-format sample shows
const ZOE = { email: 'zoe.martin@example.com', firstName: 'Zoe', lastName: 'Martin', productName: 'Boots' };

/** Titles and badges of the cards in the widget's shadow root. */
function cards(page: Page): Promise<Array<{ title: string; badges: string[] }>> {
  return page.evaluate(() =>
    [...(document.querySelector('proofhook-widget')?.shadowRoot?.querySelectorAll('.card') ?? [])].map((card) => ({
      title: card.querySelector('.title')?.textContent ?? '',
      badges: [...card.querySelectorAll('.badge')].map((badge) => badge.textContent ?? ''),
    })),
  );
}

/** Every text frame the page's widget socket receives, from its first. */
function recordSocketFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (socket: WebSocket) => {
    socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
  });
  return frames;
}

describe.skipIf(unavailable)('test mode in Chromium', () => {
  const { app, shop } = useBrowserSuite({ publicUrl: '' });
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  // The shop's pages, added once its origin (and so the site) is known.
  const shopPages = shop.pages;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ({ t, baseUrl, browser } = app);
    t.clock.set(Date.now());
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    return context.newPage();
  }

  test("a Send test reaches the preview link's page with a Test badge, and never a visitor's page", async () => {
    // The shop: one origin, allowed for its widget, with a page that embeds it.
    const site = (await t.api.post('/api/sites', { name: 'Sneaker Shop', allowedOrigins: [shop.url] }).expect(201))
      .body;
    const stream = (
      await t.api
        .post(`/api/sites/${site.id}/notifications`, { name: 'Recent purchases', display: { firstDelayMs: 0 } })
        .expect(201)
    ).body;
    const counter = (
      await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Sign-ups', kind: 'conversion' }).expect(201)
    ).body;
    shopPages['/'] = {
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sneaker Shop</title></head>
<body><h1>Sneaker Shop</h1><script src="${baseUrl}/widget.js" data-key="${site.widgetKey}" async></script></body></html>`,
    };

    // A visitor has the shop open.
    const visitor = await newPage();
    const visitorFrames = recordSocketFrames(visitor);
    await visitor.goto(`${shop.url}/`);
    await vi.waitFor(() => expect(t.realtime.countVisitors(site.id)).toBe(1), { timeout: 10_000, interval: 25 });

    // The owner logs in and opens the inspector; "Preview on my site" opens the shop as a preview.
    const admin = await newPage();
    await admin.goto(`${baseUrl}/admin/notifications/${stream.id}/inspector`);
    await admin.getByLabel('Admin token or password').fill(ADMIN_TOKEN);
    await admin.getByRole('button', { name: 'Log in' }).click();
    await admin.getByText('Live: new deliveries appear').waitFor();
    const opening = admin.context().waitForEvent('page');
    await admin.getByRole('button', { name: 'Preview on my site' }).click();
    const preview = await opening;
    await preview.waitForLoadState();
    expect(preview.url()).toMatch(new RegExp(`^${shop.url}/\\?proofhook-preview=`));
    await admin.getByText(/Opened in a new tab/).waitFor();
    await expect(admin.getByRole('button', { name: 'Copy the preview link' }).isVisible()).resolves.toBe(true);
    // Connected, and not counted as a visitor.
    await vi.waitFor(() => expect(t.io.of('/widget').sockets.size).toBe(2), { timeout: 10_000, interval: 25 });
    expect(t.realtime.countVisitors(site.id)).toBe(1);

    const stats = async (id: number) => (await t.api.get(`/api/notifications/${id}/stats`)).body.windows['24h'];
    const statsBefore = await stats(stream.id);

    // Send test, from the inspector, and on the counter through the API.
    await admin.getByRole('button', { name: 'Send test' }).click();
    await admin.getByText(/Test sent: see it in the Preview tab/).waitFor();
    await t.api.post(`/api/notifications/${counter.id}/test`, { format: 'proofhook' }).expect(200);
    await admin.getByRole('link', { name: /^Delivery \d+, .*, test$/ }).waitFor();

    // The preview page shows it, with its Test badge (and the page's own Preview label).
    await vi.waitFor(
      async () => {
        const shown = await cards(preview);
        expect(shown).toContainEqual({ title: SAMPLE_TITLE, badges: expect.arrayContaining(['Test']) });
      },
      { timeout: 10_000, interval: 50 },
    );
    await saveScreenshot(preview, 'test-mode-preview-link');

    // Stats and the counter did not move.
    expect(await stats(stream.id)).toEqual(statsBefore);
    const fresh = connectWidget(baseUrl, { key: site.widgetKey }, { origin: shop.url });
    const snapshot = await waitFor(fresh, 'widget:ready');
    fresh.disconnect();
    expect(snapshot.counters).toEqual([expect.objectContaining({ notificationId: counter.id, count: 0 })]);
    expect(snapshot.conversions).toEqual([]);

    // A real conversion now: the visitor's page shows it. Frames on one socket arrive in order, so
    // anything of the test would have arrived before it.
    await request(t.app).post(`/hooks/${stream.ingestToken}`).send(ZOE).expect(200);
    await vi.waitFor(async () => expect((await cards(visitor)).map((c) => c.title)).toContain('Zoe M.'), {
      timeout: 10_000,
      interval: 50,
    });
    const wire = visitorFrames.join('\n');
    expect(wire).toContain('Zoe M.');
    expect(wire).not.toContain('Maria');
    expect(wire).not.toContain('"test"');
    expect(wire).not.toContain('counter:updated');
    expect((await cards(visitor)).map((c) => c.title)).not.toContain(SAMPLE_TITLE);
    await saveScreenshot(visitor, 'test-mode-visitor');

    // The admin's Preview tab shows the test too.
    await admin.getByRole('link', { name: 'Preview' }).click();
    const frame = admin.frameLocator('iframe[title="Popup preview at desktop width"]');
    await frame.getByText(SAMPLE_TITLE).first().waitFor({ timeout: 10_000 });
  });
});
