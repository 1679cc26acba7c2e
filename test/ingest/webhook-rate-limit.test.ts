// Per-notification flood control on the webhook URL: 429 + Retry-After past the burst, refills
// at the sustained rate, never shared between notifications, and fails open.
import pino from 'pino';
import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { handleWebhook } from '../../server/ingest/handle-webhook.ts';
import { createTokenBucketLimiter } from '../../server/ingest/rate-limiter.ts';
import { DEFAULT_LIMITS } from '../../server/limits.ts';
import { type TestApp, createMovableClock, createNotification, createTestApp } from '../support/test-app.ts';

let t: TestApp;
afterEach(() => t.close());

const limits = { ...DEFAULT_LIMITS, webhookRatePerSecond: 2, webhookBurst: 5 };

describe('webhook rate limit', () => {
  test('past the burst a notification gets 429 with Retry-After; it refills at the sustained rate', async () => {
    t = createTestApp({ limits });
    const { notification, hookPath } = await createNotification(t);
    for (let i = 0; i < 5; i += 1) {
      await request(t.app)
        .post(hookPath)
        .send({ email: `b${i}@example.com` })
        .expect(200);
    }
    const refused = await request(t.app).post(hookPath).send({ email: 'over@example.com' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body.error.code).toBe('rate-limited');
    // A refused request is not stored (a flood must not fill the disk).
    const log = await t.api.get(`/api/notifications/${notification.id}/deliveries?limit=100`);
    expect(log.body.deliveries).toHaveLength(5);

    t.clock.advance(1000);
    await request(t.app).post(hookPath).send({ email: 'later1@example.com' }).expect(200);
    await request(t.app).post(hookPath).send({ email: 'later2@example.com' }).expect(200);
    await request(t.app).post(hookPath).send({ email: 'later3@example.com' }).expect(429);
  });

  test('one notification being flooded does not slow another', async () => {
    t = createTestApp({ limits });
    const a = await createNotification(t);
    const b = await createNotification(t);
    for (let i = 0; i < 6; i += 1)
      await request(t.app)
        .post(a.hookPath)
        .send({ email: `a${i}@example.com` });
    await request(t.app).post(b.hookPath).send({ email: 'b@example.com' }).expect(200);
  });

  test('when the limiter itself fails, requests pass (a refused event is a lost conversion)', async () => {
    t = createTestApp();
    const { token } = await createNotification(t);
    const req = Object.assign(
      new (await import('node:stream')).Readable({
        read() {
          this.push('{"email":"open@example.com"}');
          this.push(null);
        },
      }),
      { headers: { 'content-type': 'application/json' }, method: 'POST', url: `/hooks/${token}` },
    );
    const reply = await handleWebhook(req as never, token, {
      storage: t.storage,
      geo: { lookup: () => undefined },
      clock: t.clock,
      logger: pino({ level: 'silent' }),
      onConversion: () => {},
      rateLimiter: {
        take: () => {
          throw new Error('limiter state unavailable');
        },
      },
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, status: 'accepted' });
  });
});

describe('token bucket', () => {
  test('starts full, refuses when empty, and says how long until the next token', () => {
    const clock = createMovableClock();
    const limiter = createTokenBucketLimiter({ ratePerSecond: 4, burst: 2, clock });
    expect(limiter.take('k')).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(limiter.take('k')).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterMs: 250 });
    clock.advance(250);
    expect(limiter.take('k')).toMatchObject({ allowed: true });
  });

  test('never holds more than the burst, however long it rests', () => {
    const clock = createMovableClock();
    const limiter = createTokenBucketLimiter({ ratePerSecond: 10, burst: 3, clock });
    clock.advance(3_600_000);
    const results = Array.from({ length: 5 }, () => (limiter.take('k') as { allowed: boolean }).allowed);
    expect(results).toEqual([true, true, true, false, false]);
  });
});
