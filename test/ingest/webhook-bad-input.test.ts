// Hostile and broken bodies: each gets the documented status and a reason, and nothing stored breaks.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type TestApp, createNotification, createTestApp } from '../support/test-app.ts';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

const MiB = 1024 * 1024;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}{"email":"deep@example.com"}${'}'.repeat(depth)}`;

interface Case {
  name: string;
  contentType: string;
  body: Buffer;
  status: number;
  outcome: string;
  reason?: RegExp;
}

const cases: Case[] = [
  {
    name: 'invalid JSON',
    contentType: 'application/json',
    body: Buffer.from('{"email":'),
    status: 200,
    outcome: 'unparsed',
    reason: /json/i,
  },
  {
    name: 'a body that contradicts its Content-Type and parses as nothing',
    contentType: 'application/json',
    body: Buffer.from('<<<not json, not a form>>>'),
    status: 200,
    outcome: 'unparsed',
    reason: /json/i,
  },
  {
    name: 'invalid UTF-8 in a JSON body',
    contentType: 'application/json; charset=utf-8',
    body: Buffer.concat([
      Buffer.from('{"email":"a@b.co","name":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}'),
    ]),
    status: 200,
    outcome: 'unparsed',
    reason: /utf-8/i,
  },
  {
    name: '10,000-deep arrays',
    contentType: 'application/json',
    body: Buffer.from(deepArray(10_000)),
    status: 200,
    outcome: 'ignored',
  },
  {
    name: '10,000-deep objects',
    contentType: 'application/json',
    body: Buffer.from(deepObject(10_000)),
    status: 200,
    outcome: 'ignored',
  },
  {
    name: 'a 100,000-element array',
    contentType: 'application/json',
    body: Buffer.from(
      JSON.stringify({ items: Array.from({ length: 100_000 }, (_, i) => i), email: 'big@example.com' }),
    ),
    status: 200,
    outcome: 'accepted',
  },
  {
    name: 'a body just over the cap',
    contentType: 'application/json',
    body: Buffer.from(JSON.stringify({ email: 'a@b.co', pad: 'x'.repeat(MiB - 20) })),
    status: 413,
    outcome: 'rejected',
    reason: /limit/,
  },
  {
    name: 'a form with 100,000 keys',
    contentType: 'application/x-www-form-urlencoded',
    body: Buffer.from(
      `email=many%40example.com&${Array.from({ length: 100_000 }, (_, i) => `k${i}=v`).join('&')}`.slice(0, MiB - 1),
    ),
    status: 200,
    outcome: 'accepted',
  },
];

describe('bad input', () => {
  test.each(cases)('$name → $status $outcome, server healthy, data intact', async (c) => {
    const { notification, hookPath } = await createNotification(t);
    await request(t.app).post(hookPath).send({ email: 'before@example.com' }).expect(200);

    const res = await request(t.app)
      .post(hookPath)
      .set('Content-Type', c.contentType)
      .serialize((raw: unknown) => raw as string)
      .send(c.body);
    expect(res.status).toBe(c.status);

    const deliveries = await t.api.get(`/api/notifications/${notification.id}/deliveries`).expect(200);
    const delivery = deliveries.body.deliveries[0];
    expect(delivery.outcome).toBe(c.outcome);
    if (c.reason) expect(delivery.reason).toMatch(c.reason);

    await request(t.app).get('/healthz').expect(200);
    const conversions = await t.api.get(`/api/notifications/${notification.id}/conversions`).expect(200);
    expect(conversions.body.conversions.at(-1).email).toBe('before@example.com');
    expect((await request(t.app).post(hookPath).send({ email: 'after@example.com' })).body.status).toBe('accepted');
  });

  test.each([
    [
      'JSON __proto__',
      'application/json',
      '{"__proto__":{"polluted":"yes"},"email":"p@x.io","constructor":{"prototype":{"polluted":"yes"}}}',
    ],
    [
      'form __proto__',
      'application/x-www-form-urlencoded',
      '__proto__[polluted]=yes&constructor[prototype][polluted]=yes&email=p%40x.io',
    ],
    ['nested form __proto__', 'application/x-www-form-urlencoded', 'a[__proto__][polluted]=yes&email=p%40x.io'],
  ])('%s keys pollute nothing and the conversion still arrives', async (_name, type, body) => {
    const { notification, hookPath } = await createNotification(t);
    const res = await request(t.app).post(hookPath).set('Content-Type', type).send(body).expect(200);
    expect(res.body.status).toBe('accepted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    const conversions = await t.api.get(`/api/notifications/${notification.id}/conversions`).expect(200);
    expect(conversions.body.conversions[0].email).toBe('p@x.io');
  });

  test('a Cookie header is never stored with the delivery; the other headers are', async () => {
    const { notification, hookPath } = await createNotification(t);
    await request(t.app)
      .post(hookPath)
      .set('Cookie', 'session=secret-session-value')
      .set('X-Shop-Domain', 'shop.example.com')
      .send({ email: 'c@x.io' })
      .expect(200);
    const deliveries = await t.api.get(`/api/notifications/${notification.id}/deliveries`).expect(200);
    const { id } = deliveries.body.deliveries[0];
    const delivery = await t.storage.deliveries.find(id);
    expect(delivery?.headers).toMatchObject({ 'x-shop-domain': 'shop.example.com' });
    expect(delivery?.headers).not.toHaveProperty('cookie');
    expect(JSON.stringify(delivery?.headers)).not.toContain('secret-session-value');
  });

  test('header values with CR/LF attempts are stored as data, never reflected', async () => {
    const { notification, hookPath } = await createNotification(t);
    const res = await request(t.app).post(`${hookPath}?x=%0d%0aSet-Cookie:%20evil=1`).send({ email: 'h@x.io' });
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const deliveries = await t.api.get(`/api/notifications/${notification.id}/deliveries`).expect(200);
    expect(deliveries.body.deliveries[0].query).toContain('%0d%0a');
  });
});
