// Test events through the real webhook route: a request with X-Proofhook-Test: 1 is read to the end
// (profiles, detection, field map), kept as a delivery with the outcome 'test' and its normalized
// fields, answered 200 saying it was a test, and never becomes a conversion: not in the list, the
// stats, counters, nor any widget's snapshot or live pushes.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { signForTest } from '../../server/ingest/signatures/sign-for-test.ts';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';
import { type WidgetClient, collectUntil, connectWidget, listen, waitFor } from '../support/widget-client.ts';

let t: AnyTestApp;
let baseUrl: string;
const clients: WidgetClient[] = [];

const MARIA = {
  email: 'maria.garcia@example.com',
  firstName: 'Maria',
  lastName: 'Garcia',
  city: 'Austin',
  countryCode: 'US',
  sku_title: 'Trail Sneakers',
  total: 89,
  currency: 'USD',
};

describe.each(appBackends('test mode'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
    baseUrl = await listen(t);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    t.realtime.close();
    await new Promise((resolve) => t.io.close(resolve));
    await t.close();
  });

  const open = (key: string) => {
    const client = connectWidget(baseUrl, { key });
    clients.push(client);
    return client;
  };
  const postTest = (hookPath: string, body: object, value = '1') =>
    request(t.app).post(hookPath).set('X-Proofhook-Test', value).send(body);
  const lastDelivery = async (notificationId: number) =>
    (await t.api.get(`/api/notifications/${notificationId}/deliveries?limit=1`)).body.deliveries[0];
  const conversions = async (notificationId: number) =>
    (await t.api.get(`/api/notifications/${notificationId}/conversions`)).body.conversions as unknown[];

  test('is answered 200 as a test and kept with its fields, the field map applied, but is no conversion', async () => {
    const { notification, hookPath } = await createNotification(t);
    await t.api.patch(`/api/notifications/${notification.id}`, { fieldMap: { productName: 'sku_title' } }).expect(200);
    const reply = await postTest(hookPath, MARIA).expect(200);
    expect(reply.body).toEqual({
      ok: true,
      status: 'test',
      message: 'Test event: shown only to preview widgets; not stored as a conversion and not counted',
    });

    const delivery = await lastDelivery(notification.id);
    expect(delivery).toMatchObject({ status: 200, outcome: 'test', conversionId: null, dedupeKey: null });
    expect(delivery.reason).toMatch(/^test event \(X-Proofhook-Test\)/);
    expect(delivery.normalized).toMatchObject({
      email: 'maria.garcia@example.com',
      firstName: 'Maria',
      productName: 'Trail Sneakers',
      total: 89,
    });
    expect(delivery.fieldSources).toMatchObject({ productName: 'sku_title' });
    expect(await conversions(notification.id)).toEqual([]);
  });

  test('leaves the stats untouched: no delivery, no conversion counted', async () => {
    const { notification, hookPath } = await createNotification(t);
    await postTest(hookPath, MARIA).expect(200);
    await postTest(hookPath, MARIA).expect(200);
    const stats = (await t.api.get(`/api/notifications/${notification.id}/stats`)).body.windows['24h'];
    expect(stats).toMatchObject({ deliveries: 0, accepted: 0, duplicate: 0, conversions: 0 });
    const daily = (await t.api.get(`/api/notifications/${notification.id}/stats/daily?days=1`)).body.days;
    expect(daily).toEqual([expect.objectContaining({ deliveries: 0, accepted: 0 })]);
  });

  test('never claims a dedupe key: the real event with the same id afterwards is accepted', async () => {
    const { notification, hookPath } = await createNotification(t);
    const event = { ...MARIA, guid: 'order-1001' };
    await postTest(hookPath, event).expect(200);
    expect((await request(t.app).post(hookPath).send(event).expect(200)).body.status).toBe('accepted');
    expect(await conversions(notification.id)).toHaveLength(1);
  });

  test('only the value 1 marks a test; anything else is an ordinary delivery', async () => {
    const { notification, hookPath } = await createNotification(t);
    for (const value of ['0', 'true', 'yes']) {
      expect((await postTest(hookPath, { ...MARIA, guid: value }, value).expect(200)).body.status).toBe('accepted');
    }
    expect(await conversions(notification.id)).toHaveLength(3);
  });

  test('is judged like any other first: no email is ignored, a bad signature is unverified', async () => {
    const { notification, hookPath } = await createNotification(t);
    expect((await postTest(hookPath, { firstName: 'Nobody' }).expect(200)).body.status).toBe('ignored');

    const secret = 'whsec_test_secret_for_proofhook_0001';
    await t.api
      .patch(`/api/notifications/${notification.id}`, { verification: { scheme: 'stripe', secrets: [secret] } })
      .expect(200);
    const body = JSON.stringify(MARIA);
    const wrong = signForTest(
      { scheme: 'stripe', secrets: ['whsec_someone_else_0000000000000000'] },
      body,
      t.clock.now(),
    );
    const res = await request(t.app)
      .post(hookPath)
      .set({ 'Content-Type': 'application/json', 'X-Proofhook-Test': '1', ...wrong })
      .send(body)
      .expect(200);
    expect(res.body.status).toBe('unverified');
  });

  test('a replay of a test delivery stays a test and makes no conversion', async () => {
    const { notification, hookPath } = await createNotification(t);
    await postTest(hookPath, MARIA).expect(200);
    const delivery = await lastDelivery(notification.id);
    const replay = await t.api.post(`/api/deliveries/${delivery.id}/replay`).expect(201);
    expect(replay.body).toMatchObject({ outcome: 'test', conversion: null });
    expect(await conversions(notification.id)).toEqual([]);
  });

  test("is never pushed to a site's widgets nor in a snapshot, and counts in no counter", async () => {
    const { site, hookPath } = await createNotification(t);
    const counter = (
      await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Sign-ups', kind: 'conversion' }).expect(201)
    ).body;
    const widget = open(site.widgetKey);
    await waitFor(widget, 'widget:ready');

    const pushed = collectUntil(widget, 'conversion:created', (c) => c.firstName === 'Zoe');
    const counted = waitFor(widget, 'counter:updated');
    await postTest(hookPath, MARIA).expect(200);
    await postTest(`/hooks/${counter.ingestToken}`, MARIA).expect(200);
    await request(t.app).post(hookPath).send({ email: 'zoe.martin@example.com', firstName: 'Zoe' }).expect(200);
    await request(t.app).post(`/hooks/${counter.ingestToken}`).send({}).expect(200);
    // Events on one socket arrive in order: a pushed test would come before these.
    expect((await pushed).map((c) => c.firstName)).toEqual(['Zoe']);
    expect((await counted).count).toBe(1);

    const later = await waitFor(open(site.widgetKey), 'widget:ready');
    expect(later.conversions.map((c) => c.firstName)).toEqual(['Zoe']);
    expect(later.counters[0]?.count).toBe(1);
  });

  test('Send test marks its sample as a test event', async () => {
    const { notification } = await createNotification(t);
    const res = await t.api.post(`/api/notifications/${notification.id}/test`, { format: 'shopify' }).expect(200);
    expect(res.body.reply.status).toBe('test');
    const delivery = await lastDelivery(notification.id);
    expect(delivery.headers['x-proofhook-test']).toBe('1');
    expect(delivery.outcome).toBe('test');
    expect(await conversions(notification.id)).toEqual([]);
  });
});
