// Replay, send test, erase and daily stats: the admin's tools for "the popup doesn't show".
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SAMPLE_FORMATS } from '../../server/ingest/sample-webhooks.ts';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';
import { listen } from '../support/widget-client.ts';

let t: AnyTestApp;

describe.each(appBackends('admin actions'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(async () => {
    if (t.httpServer.listening) await new Promise((resolve) => t.httpServer.close(resolve));
    t.close();
  });

  async function deliveries(notificationId: number) {
    return (await t.api.get(`/api/notifications/${notificationId}/deliveries`).expect(200)).body.deliveries;
  }

  describe('replay', () => {
    test('replays a stored body in place: the same delivery and conversion, nothing shown twice', async () => {
      const { notification, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).send({ email: 'replay@example.com', productName: 'Hat' }).expect(200);
      const [original] = await deliveries(notification.id);
      const res = await t.api.post(`/api/deliveries/${original.id}/replay`).expect(201);
      // Its own dedupe key does not make it a duplicate; the conversion is updated, not copied.
      expect(res.body).toMatchObject({ outcome: 'accepted', changes: [] });
      expect(res.body.delivery).toMatchObject({ id: original.id, conversionId: original.conversionId, method: 'POST' });
      expect(res.body.conversion).toMatchObject({ id: original.conversionId, email: 'replay@example.com' });
      expect(await deliveries(notification.id)).toHaveLength(1);
      const conversions = await t.api.get(`/api/notifications/${notification.id}/conversions`);
      expect(conversions.body.conversions).toHaveLength(1);
    });

    test('a copy of an event that another delivery stored stays a duplicate when replayed', async () => {
      const { notification, hookPath } = await createNotification(t);
      const order = { id: 'evt_twice', email: 'twice@example.com', productName: 'Hat' };
      await request(t.app).post(hookPath).set('Webhook-Id', 'msg_1').send(order).expect(200);
      await request(t.app).post(hookPath).set('Webhook-Id', 'msg_1').send(order).expect(200);
      const [copy] = await deliveries(notification.id);
      expect(copy.outcome).toBe('duplicate');
      const res = await t.api.post(`/api/deliveries/${copy.id}/replay`).expect(201);
      expect(res.body).toMatchObject({ outcome: 'duplicate', conversion: null });
      const conversions = await t.api.get(`/api/notifications/${notification.id}/conversions`);
      expect(conversions.body.conversions).toHaveLength(1);
    });

    test('a delivery ignored while paused becomes a conversion when replayed after resuming', async () => {
      const { notification, hookPath } = await createNotification(t);
      await t.api.patch(`/api/notifications/${notification.id}`, { status: 'paused' });
      await request(t.app).post(hookPath).send({ email: 'late@example.com' }).expect(200);
      const [ignored] = await deliveries(notification.id);
      expect(ignored.outcome).toBe('ignored');
      await t.api.patch(`/api/notifications/${notification.id}`, { status: 'active' });
      const res = await t.api.post(`/api/deliveries/${ignored.id}/replay`).expect(201);
      expect(res.body.outcome).toBe('accepted');
      const conversions = await t.api.get(`/api/notifications/${notification.id}/conversions`);
      expect(conversions.body.conversions.map((c: { email: string }) => c.email)).toEqual(['late@example.com']);
    });

    test('an oversized (truncated) delivery cannot be replayed', async () => {
      const { notification, hookPath } = await createNotification(t);
      await request(t.app)
        .post(hookPath)
        .set('Content-Type', 'text/plain')
        .send('x'.repeat(1024 * 1024 + 10))
        .expect(413);
      const [rejected] = await deliveries(notification.id);
      const res = await t.api.post(`/api/deliveries/${rejected.id}/replay`).expect(409);
      expect(res.body.error.code).toBe('not-replayable');
    });

    test('replaying an unknown delivery is a 404', async () => {
      await t.api.post('/api/deliveries/12345/replay').expect(404);
    });
  });

  describe('send test', () => {
    test.each(SAMPLE_FORMATS)('a %s sample goes through the real webhook URL as a test event', async (format) => {
      await listen(t);
      const { notification } = await createNotification(t);
      const res = await t.api.post(`/api/notifications/${notification.id}/test`, { format }).expect(200);
      expect(res.body).toMatchObject({ format, status: 200, reply: { ok: true, status: 'test' } });
      const [delivery] = await deliveries(notification.id);
      expect(delivery.outcome).toBe('test');
      expect(delivery.normalized).toMatchObject({ email: 'maria.garcia@example.com', firstName: 'Maria' });
      expect(delivery.headers['user-agent']).toContain('Proofhook-Send-Test');
      expect(delivery.headers['x-proofhook-test']).toBe('1');
    });

    test('two tests in a row are two test events, never a duplicate, and no conversion', async () => {
      await listen(t);
      const { notification } = await createNotification(t);
      await t.api.post(`/api/notifications/${notification.id}/test`, { format: 'stripe' }).expect(200);
      const second = await t.api.post(`/api/notifications/${notification.id}/test`, { format: 'stripe' }).expect(200);
      expect(second.body.reply.status).toBe('test');
      const stored = await t.api.get(`/api/notifications/${notification.id}/conversions`).expect(200);
      expect(stored.body.conversions).toEqual([]);
    });

    test('an unknown format is a 400 that lists the known ones', async () => {
      const { notification } = await createNotification(t);
      const res = await t.api.post(`/api/notifications/${notification.id}/test`, { format: 'fax' }).expect(400);
      expect(res.body.error.message).toContain('kajabi');
    });
  });

  describe('erase', () => {
    test('removes the conversions and every stored body that mentions the email, and nothing else', async () => {
      const a = await createNotification(t);
      const b = await createNotification(t);
      await request(t.app).post(a.hookPath).send({ email: 'Gone@Example.com', firstName: 'Gone' }).expect(200);
      await request(t.app).post(b.hookPath).type('form').send('customer%5Bemail%5D=gone%40example.com').expect(200);
      await request(t.app).post(a.hookPath).send({ email: 'stays@example.com' }).expect(200);

      const res = await t.api.post('/api/erase', { email: 'GONE@example.com' }).expect(200);
      expect(res.body.erased).toEqual({ conversions: 2, deliveries: 2 });

      for (const { notification } of [a, b]) {
        const conversions = await t.api.get(`/api/notifications/${notification.id}/conversions`);
        expect(JSON.stringify(conversions.body)).not.toContain('gone');
        const log = await deliveries(notification.id);
        expect(JSON.stringify(log).toLowerCase()).not.toContain('gone@example.com');
      }
      const remaining = await t.api.get(`/api/notifications/${a.notification.id}/conversions`);
      expect(remaining.body.conversions.map((c: { email: string }) => c.email)).toEqual(['stays@example.com']);
    });

    test('refuses something that is not an email', async () => {
      await t.api.post('/api/erase', { email: '%' }).expect(400);
    });
  });

  describe('daily stats', () => {
    test('one row per day, oldest first, with zeros for quiet days', async () => {
      const { notification, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).send({ email: 'day1@example.com' }).expect(200);
      t.clock.advance(2 * 24 * 60 * 60 * 1000);
      await request(t.app).post(hookPath).send({ email: 'day3@example.com' }).expect(200);
      await request(t.app).post(hookPath).send({ nothing: true }).expect(200);
      const res = await t.api.get(`/api/notifications/${notification.id}/stats/daily?days=3`).expect(200);
      expect(res.body.days.map((d: { deliveries: number }) => d.deliveries)).toEqual([1, 0, 2]);
      expect(res.body.days[2]).toMatchObject({ accepted: 1, ignored: 1 });
    });
  });
});
