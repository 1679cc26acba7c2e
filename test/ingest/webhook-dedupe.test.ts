// Dedupe within 72 h per notification: idempotency headers, then body event ids, then a body hash.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';

let t: AnyTestApp;

describe.each(appBackends('webhook dedupe'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(() => t.close());

  const HOUR = 60 * 60 * 1000;

  async function conversionCount(notificationId: number) {
    const res = await t.api.get(`/api/notifications/${notificationId}/conversions`).expect(200);
    return res.body.conversions.length as number;
  }

  describe('webhook dedupe', () => {
    test.each([
      'webhook-id',
      'svix-id',
      'idempotency-key',
      'x-shopify-event-id',
      'x-shopify-webhook-id',
      'x-github-delivery',
    ])('the same %s header with a different body is a duplicate', async (header) => {
      const { notification, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).set(header, 'evt-1').send({ email: 'a@b.co', attempt: 1 }).expect(200);
      const second = await request(t.app).post(hookPath).set(header, 'evt-1').send({ email: 'a@b.co', attempt: 2 });
      expect(second.body.status).toBe('duplicate');
      const third = await request(t.app).post(hookPath).set(header, 'evt-2').send({ email: 'a@b.co', attempt: 1 });
      expect(third.body.status).toBe('accepted');
      expect(await conversionCount(notification.id)).toBe(2);
    });

    test("Kajabi's top-level id dedupes a retried event even when the body changed", async () => {
      const { notification, hookPath } = await createNotification(t);
      const event = (sentAt: string) => ({
        id: 'hash_123',
        event: 'purchase',
        payload: [{ email: 'buyer@example.com', name: 'Ann Lee', offer_title: 'Course', sent_at: sentAt }],
      });
      expect((await request(t.app).post(hookPath).send(event('a'))).body.status).toBe('accepted');
      expect((await request(t.app).post(hookPath).send(event('b'))).body.status).toBe('duplicate');
      expect(await conversionCount(notification.id)).toBe(1);
    });

    test("Stripe's event id dedupes a retry", async () => {
      const { hookPath } = await createNotification(t);
      const event = {
        id: 'evt_1Abc',
        object: 'event',
        type: 'checkout.session.completed',
        data: { object: { object: 'checkout.session', payment_status: 'paid', customer_details: { email: 'c@d.io' } } },
      };
      expect((await request(t.app).post(hookPath).send(event)).body.status).toBe('accepted');
      expect(
        (
          await request(t.app)
            .post(hookPath)
            .send({ ...event, livemode: false })
        ).body.status,
      ).toBe('duplicate');
    });

    test('an identical body without ids is a duplicate; a different one is not', async () => {
      const { hookPath } = await createNotification(t);
      expect((await request(t.app).post(hookPath).send({ email: 'a@b.co' })).body.status).toBe('accepted');
      expect((await request(t.app).post(hookPath).send({ email: 'a@b.co' })).body.status).toBe('duplicate');
      expect((await request(t.app).post(hookPath).send({ email: 'c@b.co' })).body.status).toBe('accepted');
    });

    test("a store platform's six attempts over 15 minutes make one conversion", async () => {
      const { notification, hookPath } = await createNotification(t);
      const order = { id: 981, status: 'paid', email: 'buyer@example.com', total: '49.00' };
      const statuses: string[] = [];
      for (const waitSeconds of [0, 60, 120, 180, 240, 300]) {
        t.clock.advance(waitSeconds * 1000);
        statuses.push((await request(t.app).post(hookPath).send(order).expect(200)).body.status);
      }
      expect(statuses).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
      expect(await conversionCount(notification.id)).toBe(1);
    });

    test('after 72 hours the same key counts again', async () => {
      const { notification, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).set('webhook-id', 'msg_1').send({ email: 'a@b.co' }).expect(200);
      t.clock.advance(71 * HOUR);
      expect(
        (await request(t.app).post(hookPath).set('webhook-id', 'msg_1').send({ email: 'a@b.co' })).body.status,
      ).toBe('duplicate');
      t.clock.advance(2 * HOUR);
      expect(
        (await request(t.app).post(hookPath).set('webhook-id', 'msg_1').send({ email: 'a@b.co' })).body.status,
      ).toBe('accepted');
      expect(await conversionCount(notification.id)).toBe(2);
    });

    test('dedupe is per notification', async () => {
      const a = await createNotification(t);
      const b = await createNotification(t);
      expect((await request(t.app).post(a.hookPath).send({ email: 'a@b.co' })).body.status).toBe('accepted');
      expect((await request(t.app).post(b.hookPath).send({ email: 'a@b.co' })).body.status).toBe('accepted');
    });

    test('a conversion counter counts identical bare POSTs, but still honours idempotency headers', async () => {
      const { notification, hookPath } = await createNotification(t, { kind: 'conversion' });
      for (let i = 0; i < 3; i += 1) {
        expect((await request(t.app).post(hookPath)).body.status).toBe('accepted');
      }
      await request(t.app).post(hookPath).set('webhook-id', 'x').expect(200);
      expect((await request(t.app).post(hookPath).set('webhook-id', 'x')).body.status).toBe('duplicate');
      expect(await conversionCount(notification.id)).toBe(4);
    });

    test('a duplicate is logged with the key it matched', async () => {
      const { notification, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).set('webhook-id', 'msg_9').send({ email: 'a@b.co' });
      await request(t.app).post(hookPath).set('webhook-id', 'msg_9').send({ email: 'a@b.co' });
      const res = await t.api.get(`/api/notifications/${notification.id}/deliveries`);
      expect(res.body.deliveries[0]).toMatchObject({ outcome: 'duplicate', dedupeKey: 'header:webhook-id=msg_9' });
      expect(res.body.deliveries[0].reason).toContain('already received');
    });
  });
});
