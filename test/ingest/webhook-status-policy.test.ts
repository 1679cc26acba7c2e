// The webhook status policy, row by row: what a sender gets for each situation.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';

let t: AnyTestApp;

describe.each(appBackends('webhook status policy'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(() => t.close());

  const SAMPLE_003 = {
    email: 'test@gmail.com',
    timestamp: 1528611279398,
    ip: '141.92.55.102',
    firstName: 'John',
    lastName: 'Smith',
    productName: 'Sneakers',
  };

  async function deliveries(notificationId: number) {
    const res = await t.api.get(`/api/notifications/${notificationId}/deliveries`).expect(200);
    return res.body.deliveries as Array<{ outcome: string; reason: string | null; status: number }>;
  }

  describe('webhook status policy', () => {
    test('accepted: exactly 200 with a small constant body', async () => {
      const { hookPath } = await createNotification(t);
      const res = await request(t.app).post(hookPath).send(SAMPLE_003);
      expect(res.status).toBe(200);
      expect(res.text).toBe('{"ok":true,"status":"accepted"}');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    });

    test('duplicate: 200 "duplicate"', async () => {
      const { hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).send(SAMPLE_003).expect(200);
      const res = await request(t.app).post(hookPath).send(SAMPLE_003).expect(200);
      expect(res.body).toEqual({ ok: true, status: 'duplicate' });
    });

    test.each([
      ['no email on a stream notification', { name: 'Nobody', product: 'x' }, 'no email'],
      ['an unpaid order', { email: 'a@b.co', status: 'pending', total: 10 }, 'pending'],
      ['a refunded order', { email: 'a@b.co', order_status: 'refunded' }, 'refunded'],
    ])('ignored (%s): 200 "ignored" and a reason in the log', async (_name, body, reason) => {
      const { notification, hookPath } = await createNotification(t);
      const res = await request(t.app).post(hookPath).send(body).expect(200);
      expect(res.body).toEqual({ ok: true, status: 'ignored' });
      const [delivery] = await deliveries(notification.id);
      expect(delivery).toMatchObject({ outcome: 'ignored', status: 200 });
      expect(delivery?.reason).toContain(reason);
    });

    test.each(['GET', 'HEAD', 'OPTIONS', 'DELETE'] as const)(
      'a %s validation ping answers 200 and is not a conversion',
      async (method) => {
        const { notification, hookPath } = await createNotification(t);
        const verb = method.toLowerCase() as 'get' | 'head' | 'options' | 'delete';
        const res = await request(t.app)[verb](hookPath);
        expect(res.status).toBe(200);
        const [delivery] = await deliveries(notification.id);
        expect(delivery).toMatchObject({ outcome: 'ignored', reason: 'validation request (no data)' });
      },
    );

    test('an empty POST on a stream notification is a validation ping, not a conversion', async () => {
      const { notification, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).expect(200, { ok: true, status: 'ignored' });
      const conversions = await t.api.get(`/api/notifications/${notification.id}/conversions`);
      expect(conversions.body.conversions).toEqual([]);
    });

    test('GET with query parameters is a conversion (some senders only GET)', async () => {
      const { hookPath } = await createNotification(t);
      const res = await request(t.app).get(`${hookPath}?email=Jane.Doe%40example.com&productName=Hat`).expect(200);
      expect(res.body.status).toBe('accepted');
    });

    test('PUT and PATCH are accepted like POST', async () => {
      const { hookPath } = await createNotification(t);
      expect((await request(t.app).put(hookPath).send({ email: 'p@x.io' }).expect(200)).body.status).toBe('accepted');
      expect((await request(t.app).patch(hookPath).send({ email: 'q@x.io' }).expect(200)).body.status).toBe('accepted');
    });

    test('unparsed: invalid JSON still gets 200, with the parse error in the log', async () => {
      const { notification, hookPath } = await createNotification(t);
      const res = await request(t.app)
        .post(hookPath)
        .set('Content-Type', 'application/json')
        .send('{"email": "a@b.co",');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, status: 'unparsed' });
      const [delivery] = await deliveries(notification.id);
      expect(delivery?.outcome).toBe('unparsed');
      expect(delivery?.reason).toMatch(/json/i);
    });

    test('paused: 200, stored as ignored, no conversion', async () => {
      const { notification, hookPath } = await createNotification(t);
      await t.api.patch(`/api/notifications/${notification.id}`, { status: 'paused' }).expect(200);
      expect((await request(t.app).post(hookPath).send(SAMPLE_003).expect(200)).body.status).toBe('ignored');
      const [delivery] = await deliveries(notification.id);
      expect(delivery).toMatchObject({ outcome: 'ignored', reason: 'notification is paused' });
    });

    test('unknown token: 404', async () => {
      const res = await request(t.app).post('/hooks/whk_doesnotexist').send(SAMPLE_003);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('unknown-webhook');
    });

    test('the public widget key cannot be used as a webhook token', async () => {
      const { site } = await createNotification(t);
      await request(t.app).post(`/hooks/${site.widgetKey}`).send(SAMPLE_003).expect(404);
    });

    test('deleted notification: 410', async () => {
      const { notification, hookPath } = await createNotification(t);
      await t.api.delete(`/api/notifications/${notification.id}`).expect(204);
      const res = await request(t.app).post(hookPath).send(SAMPLE_003);
      expect(res.status).toBe(410);
    });

    test('over the 1 MiB cap: 413, logged as rejected with the head of the body', async () => {
      const { notification, hookPath } = await createNotification(t);
      const body = JSON.stringify({ email: 'a@b.co', pad: 'x'.repeat(1024 * 1024) });
      const res = await request(t.app).post(hookPath).set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(413);
      const [delivery] = await deliveries(notification.id);
      expect(delivery).toMatchObject({ outcome: 'rejected', status: 413 });
    });

    test('storage unavailable: 503 with Retry-After, never a 4xx', async () => {
      const { hookPath } = await createNotification(t);
      await t.close();
      const res = await request(t.app).post(hookPath).send(SAMPLE_003);
      expect(res.status).toBe(503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    test('no reply ever echoes the input (a store platform deletes webhooks whose reply says "please unsubscribe me")', async () => {
      const { hookPath } = await createNotification(t);
      for (const body of [{ email: 'please unsubscribe me' }, { note: 'please unsubscribe me', email: 'a@b.co' }]) {
        const res = await request(t.app).post(hookPath).send(body).expect(200);
        expect(res.text).not.toContain('unsubscribe');
      }
      const bad = await request(t.app).post('/hooks/please%20unsubscribe%20me').send({});
      expect(bad.text).not.toContain('unsubscribe');
    });

    test('never 201/202/204 or a redirect for any good-faith request', async () => {
      const { hookPath } = await createNotification(t);
      const bodies: Array<[string, string]> = [
        ['application/json', '{"email":"a@b.co"}'],
        ['application/x-www-form-urlencoded', 'email=a%40b.co'],
        ['text/plain', 'hello'],
        ['application/xml', '<order><email>x@y.z</email></order>'],
        ['', ''],
      ];
      for (const [type, body] of bodies) {
        const req = request(t.app).post(hookPath);
        if (type) req.set('Content-Type', type);
        expect((await req.send(body)).status).toBe(200);
      }
    });
  });
});
