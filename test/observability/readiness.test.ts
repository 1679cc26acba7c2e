// GET /readyz: 200 while storage answers (and Redis, when configured), 503 naming what is down;
// /healthz beside it keeps answering whether the process is up.
import pino from 'pino';
import request from 'supertest';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type RedisScaleOut, openRedisScaleOut } from '../../server/cluster/redis-scale-out.ts';
import { TEST_REDIS_URL, skipWithoutRedis, testRedisPrefix } from '../support/redis.ts';
import { type ObservedApp, createObservedApp } from './observed-app.ts';

let t: ObservedApp | undefined;
let scaleOut: RedisScaleOut | undefined;
afterEach(async () => {
  await t?.close();
  await scaleOut?.redis.close();
  t = undefined;
  scaleOut = undefined;
});

/** A port nothing listens on: Redis there is down from the start. */
const UNREACHABLE_REDIS_URL = 'redis://127.0.0.1:9';

function appWithRedis(url: string) {
  scaleOut = openRedisScaleOut(url, testRedisPrefix(), pino({ level: 'silent' }));
  t = createObservedApp({ cluster: scaleOut.appCluster() });
  return t;
}

describe('/readyz', () => {
  test('answers 200 with storage up when storage answers', async () => {
    t = createObservedApp();
    const res = await request(t.app).get('/readyz').expect(200);
    expect(res.body).toEqual({ ok: true, storage: 'up' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('answers 503 naming storage when the database is closed', async () => {
    t = createObservedApp();
    t.db.close();
    const res = await request(t.app).get('/readyz').expect(503);
    expect(res.body).toEqual({ ok: false, down: ['storage'], storage: 'down' });
    expect(res.headers['retry-after']).toBe('5');
  });

  test('answers 503 naming Redis when REDIS_URL points at no Redis, while storage is up', async () => {
    const app = appWithRedis(UNREACHABLE_REDIS_URL);
    const res = await request(app.app).get('/readyz').expect(503);
    expect(res.body).toEqual({ ok: false, down: ['redis'], storage: 'up', redis: 'down' });
  });

  test.skipIf(skipWithoutRedis('readyz with Redis'))('answers 200 once Redis is connected', async () => {
    const app = appWithRedis(TEST_REDIS_URL as string);
    await vi.waitFor(async () => {
      const res = await request(app.app).get('/readyz');
      expect(res.body).toEqual({ ok: true, storage: 'up', redis: 'up' });
      expect(res.status).toBe(200);
    });
  });

  test('/healthz and /readyz need no token', async () => {
    t = createObservedApp();
    await request(t.app).get('/healthz').expect(200);
    await request(t.app).get('/readyz').expect(200);
  });
});
