// Faults, each through a TCP proxy this test owns in front of the real service, so nothing the
// machine shares is stopped. Redis away: webhooks are still accepted and stored, pushes resume when it
// returns. PostgreSQL away: webhooks answer 503 with Retry-After (never a 4xx) and recover by themselves.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestSchema, TEST_DATABASE_URL, createTestSchema, skipWithoutPostgres } from '../support/postgres.ts';
import { TEST_REDIS_URL, skipWithoutRedis, testRedisPrefix } from '../support/redis.ts';
import { type TcpProxy, startTcpProxy } from '../support/tcp-proxy.ts';
import { type WidgetClient, connectWidget, waitFor } from '../support/widget-client.ts';
import {
  type Node,
  adminApi,
  createSiteWith,
  eventually,
  postWebhook,
  purchase,
  startNode,
  waitForMatch,
} from './scale-nodes.ts';

const skipped = [skipWithoutPostgres('faults'), skipWithoutRedis('faults')].some(Boolean);
const hostAndPort = (url: string) => {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
};
const health = async (node: Node) => {
  const res = await fetch(`${node.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; redis?: string } };
};

describe.skipIf(skipped || !TEST_DATABASE_URL || !TEST_REDIS_URL)('faults', () => {
  let schema: TestSchema;
  const nodes: Node[] = [];
  const proxies: TcpProxy[] = [];
  const widgets: WidgetClient[] = [];
  const open = (node: Node, key: string, options: { reconnection?: boolean } = {}) => {
    const widget = connectWidget(node.url, { key }, options);
    widgets.push(widget);
    return widget;
  };
  /** Two nodes on one schema and Redis prefix; the one named reaches Redis through a proxy the test can cut. */
  const startPairWithRedisProxyOn = async (proxied: 'a' | 'b') => {
    const redisProxy = await startTcpProxy(hostAndPort(TEST_REDIS_URL as string));
    proxies.push(redisProxy);
    const env = { DATABASE_URL: schema.url, REDIS_PREFIX: testRedisPrefix() };
    const through = { ...env, REDIS_URL: redisProxy.url(TEST_REDIS_URL as string) };
    const direct = { ...env, REDIS_URL: TEST_REDIS_URL as string };
    const [a, b] = await Promise.all([
      startNode(proxied === 'a' ? through : direct),
      startNode(proxied === 'b' ? through : direct),
    ]);
    nodes.push(a, b);
    return { a, b, redisProxy };
  };

  beforeAll(async () => {
    schema = await createTestSchema();
  });

  afterAll(async () => {
    for (const widget of widgets) widget.disconnect();
    await Promise.all(nodes.map((node) => node.stop()));
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await schema?.drop();
  });

  test('with Redis away from node A, its webhooks are stored and shown locally; node B gets them when Redis is back', async () => {
    const { a, b, redisProxy } = await startPairWithRedisProxyOn('a');
    const { site, notifications } = await createSiteWith(a, ['stream']);
    const { id, ingestToken } = notifications[0] as { id: number; ingestToken: string };
    const onA = open(a, site.widgetKey);
    const onB = open(b, site.widgetKey);
    await Promise.all([waitFor(onA, 'widget:ready', 10_000), waitFor(onB, 'widget:ready', 10_000)]);

    redisProxy.cut('reset');
    await eventually(async () => ((await health(a)).body.redis === 'down' ? true : undefined));
    expect(await health(a)).toEqual({ status: 200, body: { ok: true, redis: 'down' } });

    const seenOnA = waitForMatch(onA, 'conversion:created', (c) => c.title === 'Ana L.');
    const seenOnB = waitForMatch(onB, 'conversion:created', (c) => c.title === 'Ana L.', 20_000);
    const reply = await postWebhook(a, ingestToken, purchase({ firstName: 'Ana', lastName: 'Lopez' }));
    expect(reply).toMatchObject({ status: 200, body: { status: 'accepted' } });
    await seenOnA;
    const stored = await adminApi<{ conversions: unknown[] }>(b, 'GET', `/api/notifications/${id}/conversions`);
    expect(stored.conversions).toHaveLength(1);

    redisProxy.restore();
    await seenOnB;
    expect((await health(a)).body.redis).toBe('up');
  });

  test('with Redis away from node B, the widgets on B catch up on what node A took once Redis is back', async () => {
    const { a, b, redisProxy } = await startPairWithRedisProxyOn('b');
    const { site, notifications } = await createSiteWith(a, ['stream']);
    const { ingestToken } = notifications[0] as { ingestToken: string };
    const onB = open(b, site.widgetKey, { reconnection: true }); // reconnecting, as the real widget does
    await waitFor(onB, 'widget:ready', 10_000);

    redisProxy.cut('reset');
    await eventually(async () => ((await health(b)).body.redis === 'down' ? true : undefined));
    const reply = await postWebhook(a, ingestToken, purchase({ firstName: 'Bea', lastName: 'Moreno' }));
    expect(reply).toMatchObject({ status: 200, body: { status: 'accepted' } });
    // The push went out while B could not hear it: nothing arrives.
    await expect(waitForMatch(onB, 'conversion:created', (c) => c.title === 'Bea M.', 1500)).rejects.toThrow();

    const caughtUp = waitFor(onB, 'widget:ready', 30_000);
    redisProxy.restore();
    // B makes its widget reconnect; the new snapshot's backfill has the conversion it missed.
    expect((await caughtUp).conversions.map((c) => c.title)).toContain('Bea M.');
  });

  test('with PostgreSQL away, webhooks answer 503 with Retry-After, /healthz says so, and both recover by themselves', async () => {
    const pgProxy = await startTcpProxy(hostAndPort(TEST_DATABASE_URL as string));
    proxies.push(pgProxy);
    const node = await startNode({ DATABASE_URL: pgProxy.url(schema.url) });
    nodes.push(node);
    const { notifications } = await createSiteWith(node, ['stream']);
    const { id, ingestToken } = notifications[0] as { id: number; ingestToken: string };

    for (const state of ['reset', 'blackhole'] as const) {
      pgProxy.cut(state);
      // A sender waits 5 s; the pool's connection timeout answers well inside that.
      const reply = await postWebhook(node, ingestToken, purchase(), 5000);
      expect(reply.status).toBe(503);
      expect(Number(reply.retryAfter)).toBeGreaterThan(0);
      expect((await health(node)).status).toBe(503);
      pgProxy.restore();
    }

    const reply = await eventually(async () => {
      const attempt = await postWebhook(node, ingestToken, purchase({ firstName: 'Back' }));
      return attempt.status === 200 ? attempt : undefined;
    });
    expect(reply.body.status).toBe('accepted');
    expect((await health(node)).status).toBe(200);
    const stored = await adminApi<{ conversions: Array<{ firstName: string }> }>(
      node,
      'GET',
      `/api/notifications/${id}/conversions`,
    );
    expect(stored.conversions.map((c) => c.firstName)).toEqual(['Back']);
  });
});
