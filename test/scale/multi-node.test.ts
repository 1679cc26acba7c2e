// Two real Proofhook processes on different ports sharing one PostgreSQL schema and one Redis prefix,
// as two workers or two machines would: pushes, dedupe, visitor counts, admin sessions and the live
// inspector must not depend on which process a request reaches.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestSchema, TEST_DATABASE_URL, createTestSchema, skipWithoutPostgres } from '../support/postgres.ts';
import { TEST_REDIS_URL, skipWithoutRedis, testRedisPrefix } from '../support/redis.ts';
import { type WidgetClient, connectWidget, waitFor } from '../support/widget-client.ts';
import {
  type Node,
  SCALE_ADMIN_TOKEN,
  adminApi,
  createSiteWith,
  eventually,
  postWebhook,
  purchase,
  startNode,
  waitForMatch,
} from './scale-nodes.ts';

// Both checked, so a run without either says so for each.
const skipped = [skipWithoutPostgres('multi-node'), skipWithoutRedis('multi-node')].some(Boolean);

describe.skipIf(skipped || !TEST_DATABASE_URL || !TEST_REDIS_URL)('two processes sharing PostgreSQL and Redis', () => {
  let schema: TestSchema;
  let a: Node;
  let b: Node;
  const widgets: WidgetClient[] = [];
  const open = (node: Node, key: string) => {
    const widget = connectWidget(node.url, { key });
    widgets.push(widget);
    return widget;
  };

  beforeAll(async () => {
    schema = await createTestSchema();
    const env = { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL as string, REDIS_PREFIX: testRedisPrefix() };
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
  });

  afterAll(async () => {
    for (const widget of widgets) widget.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
    await schema?.drop();
  });

  test('a webhook posted to node A reaches a widget connected to node B, and a counter too', async () => {
    const { site, notifications } = await createSiteWith(a, ['stream', 'conversion']);
    const [stream, counter] = notifications as [(typeof notifications)[0], (typeof notifications)[0]];
    const onB = open(b, site.widgetKey);
    await waitFor(onB, 'widget:ready', 10_000);

    const arrived = waitForMatch(onB, 'conversion:created', (c) => c.title === 'Maria G.');
    const counted = waitForMatch(onB, 'counter:updated', (c) => c.notificationId === counter.id && c.count === 1);
    expect((await postWebhook(a, stream.ingestToken, purchase())).body).toEqual({ ok: true, status: 'accepted' });
    expect((await postWebhook(a, counter.ingestToken, purchase())).status).toBe(200);
    expect(await arrived).toMatchObject({ title: 'Maria G.' });
    await counted;
  });

  test('the same event sent to A and to B at once is stored as one conversion', async () => {
    const { notifications } = await createSiteWith(a, ['stream']);
    const { id, ingestToken } = notifications[0] as { id: number; ingestToken: string };
    const event = purchase();
    const replies = await Promise.all([
      postWebhook(a, ingestToken, event),
      postWebhook(b, ingestToken, event),
      postWebhook(a, ingestToken, event),
      postWebhook(b, ingestToken, event),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(replies.map((r) => r.body.status).sort()).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate']);
    const stored = await adminApi<{ conversions: unknown[] }>(b, 'GET', `/api/notifications/${id}/conversions`);
    expect(stored.conversions).toHaveLength(1);
  });

  test('live-visitor counts add up the widgets of both processes', async () => {
    const { site } = await createSiteWith(a, ['stream', 'visitors']);
    const first = open(a, site.widgetKey);
    await waitFor(first, 'widget:ready', 10_000);
    await waitFor(open(b, site.widgetKey), 'widget:ready', 10_000);
    await waitFor(open(a, site.widgetKey), 'widget:ready', 10_000);
    // Widget 4 connects to B: its first snapshot counts itself and the three already there.
    const fourth = open(b, site.widgetKey);
    expect((await waitFor(fourth, 'widget:ready', 10_000)).visitors?.count).toBe(4);
    // And a widget on A hears the new total pushed from B.
    await waitForMatch(first, 'visitors:updated', (v) => v?.count === 4);
    fourth.disconnect();
    await waitForMatch(first, 'visitors:updated', (v) => v?.count === 3);
  });

  test('an admin logged in through A is logged in on B, and a logout on B ends the session on A', async () => {
    const login = await fetch(`${a.url}/admin/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' },
      body: JSON.stringify({ secret: SCALE_ADMIN_TOKEN }),
    });
    expect(login.status).toBe(201);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const session = (node: Node) => fetch(`${node.url}/admin/api/session`, { headers: { Cookie: cookie } });

    // Straight away: the login may not have reached B over the bus yet, and must work anyway.
    const onB = await session(b);
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { csrfToken: string }).csrfToken).toBe(csrfToken);

    const logout = await fetch(`${b.url}/admin/api/session`, {
      method: 'DELETE',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(logout.status).toBe(204);
    const signedIn = async (node: Node) =>
      ((await (await session(node)).json()) as { authenticated: boolean }).authenticated;
    await eventually(async () => ((await signedIn(a)) === false ? true : undefined));
    // And the API itself refuses the cookie on A.
    expect((await fetch(`${a.url}/api/sites`, { headers: { Cookie: cookie } })).status).toBe(401);
  });

  test('the live inspector on B shows a delivery taken by A', async () => {
    const { notifications } = await createSiteWith(a, ['stream']);
    const { id, ingestToken } = notifications[0] as { id: number; ingestToken: string };
    const events: string[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          `${b.url}/api/notifications/${id}/deliveries/stream`,
          { headers: { Authorization: `Bearer ${SCALE_ADMIN_TOKEN}` } },
          resolve,
        )
        .on('error', reject);
    });
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => events.push(chunk));
    try {
      // Subscribed once the headers are out; the bus subscription itself was made at start.
      await postWebhook(a, ingestToken, purchase());
      const text = await eventually(async () => {
        const all = events.join('');
        return all.includes('event: delivery') ? all : undefined;
      });
      expect(text).toMatch(/"outcome":"accepted"/);
    } finally {
      stream.destroy();
    }
  });
});
