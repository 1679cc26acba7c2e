// X-Request-Id on every response (the client's when it is sane, ours otherwise) and the one info
// log line each webhook leaves: method, notification id, status, outcome, bytes, ms, request id.
import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { MAX_REQUEST_ID_LENGTH, readRequestId } from '../../server/observability/request-id.ts';
import { type ObservedApp, createObservedApp } from './observed-app.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let t: ObservedApp;
afterEach(async () => {
  await t.close();
});

describe('X-Request-Id', () => {
  test('a sane id the client sent is echoed, on a webhook, an admin API call, a 404 and /healthz', async () => {
    t = createObservedApp();
    const { hookPath } = await t.createNotification();
    const sent = 'nginx-3f2a9c1e8b7d4a60';
    for (const res of [
      await request(t.app).post(hookPath).set('X-Request-Id', sent).send({ email: 'a@example.com' }),
      await request(t.app).get('/api/sites').set('X-Request-Id', sent),
      await request(t.app).get('/no/such/page').set('X-Request-Id', sent),
      await request(t.app).get('/healthz').set('X-Request-Id', sent),
    ]) {
      expect(res.headers['x-request-id']).toBe(sent);
    }
  });

  test('without one, each response gets a fresh UUID', async () => {
    t = createObservedApp();
    const first = await request(t.app).get('/healthz');
    const second = await request(t.app).post('/hooks/unknown-token').send({});
    expect(first.headers['x-request-id']).toMatch(UUID);
    expect(second.headers['x-request-id']).toMatch(UUID);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });

  test('an id with spaces, quotes or past the length limit is replaced, never echoed', async () => {
    t = createObservedApp();
    const res = await request(t.app).get('/healthz').set('X-Request-Id', 'abc def');
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(readRequestId('x'.repeat(MAX_REQUEST_ID_LENGTH))).toBe('x'.repeat(MAX_REQUEST_ID_LENGTH));
    expect(readRequestId('x'.repeat(MAX_REQUEST_ID_LENGTH + 1))).toMatch(UUID);
    expect(readRequestId('"><script>')).toMatch(UUID);
    expect(readRequestId('')).toMatch(UUID);
    expect(readRequestId(['first-id', 'second-id'])).toBe('first-id');
    // A W3C traceparent and a UUID pass as they are.
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(readRequestId(traceparent)).toBe(traceparent);
  });
});

describe('the webhook log line', () => {
  test('one info line per webhook with method, notification id, status, outcome, bytes, ms and request id', async () => {
    t = createObservedApp();
    const { hookPath, notificationId } = await t.createNotification();
    const body = JSON.stringify({ email: 'maria@example.com', firstName: 'Maria', orderId: 'A-1' });
    await request(t.app)
      .post(hookPath)
      .set('Content-Type', 'application/json')
      .set('X-Request-Id', 'req-accepted-1')
      .send(body)
      .expect(200);
    await request(t.app).post(hookPath).set('Content-Type', 'application/json').send(body).expect(200);
    const unknown = await request(t.app)
      .post('/hooks/no-such-token')
      .set('Content-Type', 'application/json')
      .send(body);

    const lines = t.logged('webhook');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      level: 30,
      requestId: 'req-accepted-1',
      method: 'POST',
      notificationId,
      status: 200,
      outcome: 'accepted',
      bytes: Buffer.byteLength(body),
    });
    expect(lines[0]?.ms).toEqual(expect.any(Number));
    expect(lines[0]?.ms as number).toBeGreaterThanOrEqual(0);
    expect(lines[1]).toMatchObject({ notificationId, status: 200, outcome: 'duplicate' });
    expect(lines[1]?.requestId).toMatch(UUID);
    // A URL that is no webhook: no notification, the body never read, its declared size logged.
    expect(lines[2]).toMatchObject({
      requestId: unknown.headers['x-request-id'],
      notificationId: null,
      status: 404,
      outcome: 'unknown-webhook',
      bytes: Buffer.byteLength(body),
    });
    // The ingest token is a secret: it is in no log line.
    expect(JSON.stringify(t.logs)).not.toContain(hookPath.slice('/hooks/'.length));
  });

  test('a GET that checks the URL is logged with its method and 200', async () => {
    t = createObservedApp();
    const { hookPath, notificationId } = await t.createNotification();
    await request(t.app).get(hookPath).expect(200);
    expect(t.logged('webhook')).toEqual([
      expect.objectContaining({ method: 'GET', notificationId, status: 200, outcome: 'ignored', bytes: 0 }),
    ]);
  });
});
