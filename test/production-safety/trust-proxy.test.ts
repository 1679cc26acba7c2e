// TRUST_PROXY decides who the client is, once for everything. Untrusted (the default), a rotated
// X-Forwarded-For changes nothing: the login lockout and the webhook rate limit still apply to the
// TCP peer. Trusted, the address the proxy reports is the client, for Express and the widget side alike.
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { MAX_LOGIN_FAILURES } from '../../server/auth/login-limiter.ts';
import { DEFAULT_LIMITS } from '../../server/limits.ts';
import { type TrustFunction, type TrustProxy, clientAddressOf } from '../../server/trust-proxy.ts';
import { SAME_ORIGIN_HEADERS } from '../support/admin-session.ts';
import { type TestApp, createNotification, createTestApp, stopTestApp } from '../support/test-app.ts';

let t: TestApp | undefined;
afterEach(() => t && stopTestApp(t));

const compiled = (setting: TrustProxy): TrustFunction => {
  const app = express();
  app.set('trust proxy', setting);
  return app.get('trust proxy fn');
};

const rotated = (i: number) => `198.51.100.${i % 250}, 203.0.113.${i % 200}`;

describe('the client address', () => {
  test.each<[TrustProxy, string, string | undefined, string]>([
    [false, '127.0.0.1', '203.0.113.9', '127.0.0.1'],
    [['loopback'], '127.0.0.1', '203.0.113.9', '203.0.113.9'],
    [['loopback'], '10.0.0.3', '203.0.113.9', '10.0.0.3'],
    // A client's own X-Forwarded-For is to the left of what the proxy appends: never believed.
    [['loopback'], '::ffff:127.0.0.1', '6.6.6.6, 203.0.113.9', '203.0.113.9'],
    [['10.0.0.0/8'], '10.1.2.3', '203.0.113.9', '203.0.113.9'],
    [['10.0.0.0/8'], '127.0.0.1', '203.0.113.9', '127.0.0.1'],
    [['10.0.0.0/8', 'loopback'], '127.0.0.1', '6.6.6.6, 203.0.113.9, 10.0.0.7', '203.0.113.9'],
    [1, '192.0.2.50', '6.6.6.6, 203.0.113.9', '203.0.113.9'],
    [2, '192.0.2.50', '6.6.6.6, 203.0.113.9', '6.6.6.6'],
    [['uniquelocal'], 'fd12::1', '2001:db8::5', '2001:db8::5'],
    [['loopback'], '127.0.0.1', undefined, '127.0.0.1'],
  ])('trusting %j, peer %s with X-Forwarded-For %s is %s', (setting, address, forwarded, client) => {
    const headers = forwarded === undefined ? {} : { 'x-forwarded-for': forwarded };
    expect(clientAddressOf(compiled(setting), { address, headers })).toBe(client);
  });

  test.each<TrustProxy>([false, ['loopback'], 1, 3])(
    'is the address Express itself gives req.ip (trusting %j)',
    async (setting) => {
      const app = express();
      app.set('trust proxy', setting);
      const trust = app.get('trust proxy fn') as TrustFunction;
      app.get('/', (req, res) => {
        res.json({
          express: req.ip,
          ours: clientAddressOf(trust, { address: req.socket.remoteAddress ?? '', headers: req.headers }),
        });
      });
      for (const forwarded of ['203.0.113.9', '6.6.6.6, 203.0.113.9', ' 6.6.6.6 ,, 10.0.0.1 ,203.0.113.9', '']) {
        const res = await request(app).get('/').set('X-Forwarded-For', forwarded).expect(200);
        expect(res.body.ours).toBe(res.body.express);
      }
    },
  );
});

describe('untrusted, X-Forwarded-For changes nothing', () => {
  test.each<[string, TrustProxy | undefined]>([
    ['TRUST_PROXY unset', undefined],
    ['a proxy elsewhere trusted', ['10.0.0.0/8']],
  ])('%s: wrong tokens from rotating X-Forwarded-For are locked out after the limit', async (_name, trustProxy) => {
    t = createTestApp({ config: { trustProxy } });
    const statuses: number[] = [];
    // Well past the limit, each attempt claiming another address.
    for (let i = 0; i < MAX_LOGIN_FAILURES * 4; i += 1) {
      const res = await request(t.app)
        .post('/admin/api/session')
        .set({ ...SAME_ORIGIN_HEADERS, 'X-Forwarded-For': rotated(i) })
        .send({ secret: `wrong-${i}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, MAX_LOGIN_FAILURES)).toEqual(Array(MAX_LOGIN_FAILURES).fill(401));
    expect(new Set(statuses.slice(MAX_LOGIN_FAILURES))).toEqual(new Set([429]));
    // Bearer tokens on the API are the same lock.
    await request(t.app)
      .get('/api/sites')
      .set({ Authorization: 'Bearer wrong', 'X-Forwarded-For': rotated(999) })
      .expect(429);
  });

  test('the webhook rate limit still refuses past the burst', async () => {
    t = createTestApp({ limits: { ...DEFAULT_LIMITS, webhookRatePerSecond: 1, webhookBurst: 3 } });
    const { hookPath } = await createNotification(t);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const res = await request(t.app)
        .post(hookPath)
        .set('X-Forwarded-For', rotated(i))
        .send({ email: `b${i}@example.com` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
  });

  test('the scheme a client claims is not believed either: webhook URLs stay on the real one', async () => {
    t = createTestApp({ config: { publicUrl: undefined } });
    const site = await t.api.post('/api/sites', { name: 'Shop' }).set('X-Forwarded-Proto', 'https').expect(201);
    expect(site.body.widgetScriptUrl).toMatch(/^http:\/\//);
  });
});

describe('trusted, the proxy names the client', () => {
  test('each forwarded address has its own login limit', async () => {
    t = createTestApp({ config: { trustProxy: ['loopback'] } });
    const attempt = (ip: string, secret: string) =>
      request((t as TestApp).app)
        .post('/admin/api/session')
        .set({ ...SAME_ORIGIN_HEADERS, 'X-Forwarded-For': ip })
        .send({ secret });
    for (let i = 0; i < MAX_LOGIN_FAILURES; i += 1) await attempt('203.0.113.7', 'wrong').expect(401);
    await attempt('203.0.113.7', 'wrong').expect(429);
    for (let i = 0; i < 20; i += 1) await attempt(`198.51.100.${i}`, 'wrong').expect(401);
  });

  test('the webhook rate limit is per notification, so addresses cannot spread a flood past it', async () => {
    t = createTestApp({
      config: { trustProxy: ['loopback'] },
      limits: { ...DEFAULT_LIMITS, webhookRatePerSecond: 1, webhookBurst: 3 },
    });
    const { hookPath } = await createNotification(t);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await request(t.app)
        .post(hookPath)
        .set('X-Forwarded-For', `198.51.100.${i}`)
        .send({ email: `b${i}@example.com` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
  });

  test('the scheme the proxy reports makes https webhook URLs', async () => {
    t = createTestApp({ config: { publicUrl: undefined, trustProxy: ['loopback'] } });
    const site = await t.api.post('/api/sites', { name: 'Shop' }).set('X-Forwarded-Proto', 'https').expect(201);
    expect(site.body.widgetScriptUrl).toMatch(/^https:\/\//);
  });
});
