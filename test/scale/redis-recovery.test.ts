// Redis fails under two nodes while webhooks keep arriving at both, their ids interleaved; each node
// reaches Redis through its own proxy, and Redis comes back to one node before the other, so the
// first node sends its missed pushes again before the second has subscribed again. Every widget on
// either node must still end with every conversion, however Redis failed: closed (connections
// dropped) or hung (connections open, nothing answered, which only a PING with a timeout notices).
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { PublicConversion, WidgetHandshakeAuth } from '../../shared/protocol.ts';
import { type TestSchema, TEST_DATABASE_URL, createTestSchema, skipWithoutPostgres } from '../support/postgres.ts';
import { TEST_REDIS_URL, skipWithoutRedis, testRedisPrefix } from '../support/redis.ts';
import type { WidgetClient } from '../support/widget-client.ts';
import { type RedisFault, type RedisFaultProxy, startRedisFaultProxy } from './redis-fault-proxy.ts';
import { type Node, adminApi, createSiteWith, postWebhook, purchase, startNode } from './scale-nodes.ts';

const skipped = [skipWithoutPostgres('redis recovery'), skipWithoutRedis('redis recovery')].some(Boolean);
const WIDGETS_PER_NODE = 2;
const WEBHOOKS = 10;

/** A widget that reconnects as the real one does (sinceId = highest id seen) and keeps every id it got. */
function openWidget(node: Node, key: string) {
  const ids = new Set<number>();
  const hold = (conversion: PublicConversion) => ids.add(conversion.id);
  const socket: WidgetClient = connect(`${node.url}/widget`, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
    auth: (send) => {
      const auth: WidgetHandshakeAuth = { key };
      if (ids.size > 0) auth.sinceId = Math.max(...ids);
      send(auth);
    },
  });
  let readies = 0;
  socket.on('widget:ready', (ready) => {
    readies += 1;
    for (const conversion of ready.conversions) hold(conversion);
  });
  socket.on('conversion:created', hold);
  return { socket, ids, readies: () => readies };
}

const redisState = async (node: Node) => {
  const res = await fetch(`${node.url}/healthz`);
  return ((await res.json()) as { redis?: string }).redis;
};

describe.skipIf(skipped || !TEST_DATABASE_URL || !TEST_REDIS_URL)('recovery after a Redis outage', () => {
  let schema: TestSchema;
  const nodes: Node[] = [];
  const proxies: RedisFaultProxy[] = [];
  const sockets: WidgetClient[] = [];

  beforeAll(async () => {
    schema = await createTestSchema();
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const proxy of proxies) proxy.restore();
    await Promise.all(nodes.map((node) => node.stop()));
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await schema?.drop();
  });

  test.each<RedisFault>(['closed', 'hung'])(
    'Redis %s under both nodes: after it is back, every widget has every conversion',
    async (fault) => {
      const redisAddress = new URL(TEST_REDIS_URL as string);
      const target = { host: redisAddress.hostname, port: Number(redisAddress.port) };
      const [proxyA, proxyB] = await Promise.all([startRedisFaultProxy(target), startRedisFaultProxy(target)]);
      proxies.push(proxyA, proxyB);
      const prefix = testRedisPrefix();
      const env = (proxy: RedisFaultProxy) => ({
        DATABASE_URL: schema.url,
        REDIS_PREFIX: prefix,
        REDIS_URL: proxy.url(TEST_REDIS_URL as string),
      });
      const [a, b] = await Promise.all([startNode(env(proxyA)), startNode(env(proxyB))]);
      nodes.push(a, b);
      await vi.waitFor(async () => expect([await redisState(a), await redisState(b)]).toEqual(['up', 'up']), {
        timeout: 10_000,
        interval: 100,
      });

      const { site, notifications } = await createSiteWith(a, ['stream']);
      const { id, ingestToken } = notifications[0] as { id: number; ingestToken: string };
      const widgets = [a, a, b, b].slice(0, 2 * WIDGETS_PER_NODE).map((node) => openWidget(node, site.widgetKey));
      sockets.push(...widgets.map((widget) => widget.socket));
      await vi.waitFor(() => expect(widgets.every((widget) => widget.readies() === 1)).toBe(true), {
        timeout: 10_000,
        interval: 50,
      });

      proxyA.fail(fault);
      proxyB.fail(fault);
      // A hung Redis is noticed by its unanswered PING (every 2 s, 1 s to answer).
      await vi.waitFor(async () => expect([await redisState(a), await redisState(b)]).toEqual(['down', 'down']), {
        timeout: 10_000,
        interval: 100,
      });

      for (let i = 0; i < WEBHOOKS; i += 1) {
        const reply = await postWebhook(i % 2 === 0 ? a : b, ingestToken, purchase({ firstName: `Buyer${i}` }));
        expect(reply).toMatchObject({ status: 200, body: { status: 'accepted' } });
      }
      const stored = await adminApi<{ conversions: Array<{ id: number }> }>(
        a,
        'GET',
        `/api/notifications/${id}/conversions`,
      );
      const all = stored.conversions.map((conversion) => conversion.id).sort((x, y) => x - y);
      expect(all).toHaveLength(WEBHOOKS);

      // Back to A first: A sends its pushes again while B cannot hear them yet.
      proxyA.restore();
      await vi.waitFor(async () => expect(await redisState(a)).toBe('up'), { timeout: 10_000, interval: 100 });
      proxyB.restore();

      await vi.waitFor(
        () => {
          for (const widget of widgets) expect([...widget.ids].sort((x, y) => x - y)).toEqual(all);
        },
        { timeout: 30_000, interval: 100 },
      );
      expect(await redisState(b)).toBe('up');
    },
    60_000,
  );
});
