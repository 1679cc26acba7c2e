// The site's onboarding checklist ticks itself from what happened: where the widget ran, the first
// webhook from a sender, the first accepted conversion, the first impression. Tests and typed-in
// entries tick nothing; a live-visitors site needs no webhook; a step once done stays done.
import pino from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { RECORD_EVERY_MS, createWidgetSightings } from '../../server/onboarding/widget-sightings.ts';
import { importCsv } from '../imports/import-support.ts';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';

let t: AnyTestApp;

const ORDER = {
  type: 'checkout.session.completed',
  email: 'grace.hopper@example.com',
  firstName: 'Grace',
  lastName: 'Hopper',
  productName: 'Compiler',
  total: 42,
  currency: 'USD',
};

describe.each(appBackends('onboarding checklist'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(() => t.close());

  const checklist = async (siteId: number) => (await t.api.get(`/api/sites/${siteId}/onboarding`).expect(200)).body;
  const sightings = () =>
    createWidgetSightings({ settings: t.storage.settings, clock: t.clock, logger: pino({ level: 'silent' }) });

  test('a new site has every step to do, and an unknown site is a 404', async () => {
    const site = (await t.api.post('/api/sites', { name: 'Shop' }).expect(201)).body;
    const list = await checklist(site.id);
    expect(list).toMatchObject({
      siteId: site.id,
      notifications: [],
      snippet: { done: false, seen: [] },
      webhook: { done: false, applies: true, milestone: null, last: null },
      conversion: { done: false, applies: true, milestone: null },
      impression: { done: false, milestone: null },
    });
    await t.api.get('/api/sites/999/onboarding').expect(404);
  });

  test('the snippet is seen on an allowed origin; another origin is listed as not allowed', async () => {
    const site = (
      await t.api.post('/api/sites', { name: 'Shop', allowedOrigins: ['https://shop.example.com'] }).expect(201)
    ).body;
    const recorder = sightings();
    await recorder.widgetSeen(site.id, 'https://copy.example.net');
    let list = await checklist(site.id);
    expect(list.snippet).toEqual({
      done: false,
      seen: [{ origin: 'https://copy.example.net', at: t.clock.now(), allowed: false }],
    });

    t.clock.advance(5000);
    await recorder.widgetSeen(site.id, 'https://shop.example.com');
    list = await checklist(site.id);
    expect(list.snippet.done).toBe(true);
    expect(list.snippet.seen.map((s: { origin: string; allowed: boolean }) => [s.origin, s.allowed])).toEqual([
      ['https://shop.example.com', true],
      ['https://copy.example.net', false],
    ]);

    // Allowing the other origin later makes it allowed at once: the check is made when read.
    await t.api
      .patch(`/api/sites/${site.id}`, { allowedOrigins: ['https://shop.example.com', 'https://copy.example.net'] })
      .expect(200);
    expect((await checklist(site.id)).snippet.seen.every((s: { allowed: boolean }) => s.allowed)).toBe(true);
  });

  test('sightings are written at most once a minute per origin, kept short, and junk origins are skipped', async () => {
    const site = (await t.api.post('/api/sites', { name: 'Shop' }).expect(201)).body;
    const recorder = sightings();
    const start = t.clock.now();
    await recorder.widgetSeen(site.id, 'https://shop.example.com');
    t.clock.advance(RECORD_EVERY_MS - 1);
    await recorder.widgetSeen(site.id, 'https://shop.example.com');
    expect((await checklist(site.id)).snippet.seen).toEqual([
      { origin: 'https://shop.example.com', at: start, allowed: true },
    ]);
    t.clock.advance(1);
    await recorder.widgetSeen(site.id, 'https://shop.example.com');
    expect((await checklist(site.id)).snippet.seen[0].at).toBe(start + RECORD_EVERY_MS);

    for (const junk of [undefined, '', 'null', 'file://x', 'javascript:alert(1)', `https://${'a'.repeat(300)}.com`]) {
      await recorder.widgetSeen(site.id, junk);
    }
    for (let i = 0; i < 15; i++) await recorder.widgetSeen(site.id, `https://shop${i}.example.com`);
    const seen = (await checklist(site.id)).snippet.seen;
    expect(seen).toHaveLength(10);
    expect(seen.every((s: { origin: string }) => /^https:\/\/shop\d*\.example\.com$/.test(s.origin))).toBe(true);
  });

  test('a sender webhook ticks "webhook received"; an accepted one "conversion"; an impression the last step', async () => {
    const { site, notification, hookPath } = await createNotification(t);
    // A test event and a typed-in entry are not a sender's webhook.
    await request(t.app).post(hookPath).set('X-Proofhook-Test', '1').send(ORDER).expect(200);
    await t.api.post(`/api/notifications/${notification.id}/conversions`, { firstName: 'Ada' }).expect(201);
    // Nor is a CSV import.
    const imported = await importCsv(t, notification.id, 'email,first name\nlin@example.com,Lin\n').expect(200);
    expect(imported.body).toMatchObject({ imported: 1 });
    let list = await checklist(site.id);
    expect(list.webhook.done).toBe(false);
    expect(list.notifications).toEqual([{ id: notification.id, name: 'Recent purchases', kind: 'stream' }]);

    // A webhook with nobody in it: received, not a conversion; the last delivery says why.
    const firstAt = t.clock.now();
    await request(t.app).post(hookPath).send({ hello: 'world' }).expect(200);
    list = await checklist(site.id);
    expect(list.webhook).toMatchObject({ done: true, milestone: { at: firstAt, notificationId: notification.id } });
    expect(list.webhook.last).toMatchObject({
      notificationId: notification.id,
      outcome: expect.not.stringMatching(/^accepted$/),
    });
    expect(list.conversion.done).toBe(true); // the typed-in entry is a stored conversion

    t.clock.advance(60_000);
    await t.storage.widgetStats.record(notification.id, 'impression', t.clock.now());
    list = await checklist(site.id);
    const day = new Date(t.clock.now()).toISOString().slice(0, 10);
    expect(list.impression).toEqual({
      done: true,
      milestone: { at: Date.parse(`${day}T00:00:00Z`), notificationId: notification.id },
    });
  });

  test('a Stripe webhook names its sender and guide; a step once done stays done after its data is gone', async () => {
    const { site, notification, hookPath } = await createNotification(t);
    const stripe = {
      id: 'evt_1',
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          object: 'checkout.session',
          customer_details: { email: 'grace@example.com', name: 'Grace Hopper' },
          amount_total: 4200,
          currency: 'usd',
          payment_status: 'paid',
        },
      },
    };
    await request(t.app).post(hookPath).set('Stripe-Signature', 't=1,v1=x').send(stripe).expect(200);
    const list = await checklist(site.id);
    expect(list.conversion.done).toBe(true);
    expect(list.webhook.last.sender).toEqual({
      id: 'stripe',
      name: 'Stripe',
      docs: 'https://docs.stripe.com/webhooks',
    });

    await t.api.delete(`/api/notifications/${notification.id}`).expect(204);
    const after = await checklist(site.id);
    expect(after.webhook.done).toBe(true);
    expect(after.conversion.done).toBe(true);
    expect(after.notifications).toEqual([]);
  });

  test('a site whose notifications all count live visitors needs no webhook', async () => {
    const site = (await t.api.post('/api/sites', { name: 'Blog' }).expect(201)).body;
    await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Readers', kind: 'visitors' }).expect(201);
    const list = await checklist(site.id);
    expect(list.webhook.applies).toBe(false);
    expect(list.conversion.applies).toBe(false);
  });

  test('GET /api/senders lists each sender profile with its setup guide', async () => {
    const { senders } = (await t.api.get('/api/senders').expect(200)).body;
    expect(senders).toContainEqual({
      id: 'shopify',
      name: 'Shopify',
      docs: 'https://shopify.dev/docs/apps/build/webhooks',
    });
    expect(senders.every((s: { docs: string }) => s.docs.startsWith('https://'))).toBe(true);
  });
});
