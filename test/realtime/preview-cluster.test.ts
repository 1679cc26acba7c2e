// Preview widgets with two real Proofhook processes sharing PostgreSQL and Redis: a preview link
// minted by one process opens a preview on the other (the signing secret is in the shared settings
// table), and a test event posted to one reaches the preview widgets of the other, and only them.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Node, adminApi, createSiteWith, postWebhook, purchase, startNode } from '../scale/scale-nodes.ts';
import { TEST_DATABASE_URL, type TestSchema, createTestSchema, skipWithoutPostgres } from '../support/postgres.ts';
import { TEST_REDIS_URL, skipWithoutRedis, testRedisPrefix } from '../support/redis.ts';
import { type WidgetClient, collectUntil, connectWidget, waitFor } from '../support/widget-client.ts';

const skipped = [skipWithoutPostgres('preview cluster'), skipWithoutRedis('preview cluster')].some(Boolean);

describe.skipIf(skipped || !TEST_DATABASE_URL || !TEST_REDIS_URL)('preview widgets across two processes', () => {
  let schema: TestSchema;
  let a: Node;
  let b: Node;
  const widgets: WidgetClient[] = [];
  const open = (node: Node, auth: { key: string; preview?: string }) => {
    const widget = connectWidget(node.url, auth);
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

  test('a link minted on A makes a preview on B, which alone gets a test event posted to A', async () => {
    const { site, notifications } = await createSiteWith(a, ['stream']);
    const stream = notifications[0] as { ingestToken: string };
    const { token } = await adminApi<{ token: string }>(a, 'POST', `/api/sites/${site.id}/preview-link`);

    const preview = open(b, { key: site.widgetKey, preview: token });
    expect((await waitFor(preview, 'widget:ready', 10_000)).preview).toBe(true);
    const visitor = open(b, { key: site.widgetKey });
    expect((await waitFor(visitor, 'widget:ready', 10_000)).preview).toBeUndefined();

    const previewGot = collectUntil(preview, 'conversion:created', (c) => c.id > 0, 10_000);
    const visitorGot = collectUntil(visitor, 'conversion:created', (c) => c.id > 0, 10_000);
    const test = await fetch(`${a.url}/hooks/${stream.ingestToken}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Proofhook-Test': '1' },
      body: JSON.stringify({ ...purchase(), firstName: 'Tess' }),
    });
    expect(((await test.json()) as { status: string }).status).toBe('test');
    // Each webhook is answered after its commit and pushed right after, so the test is out before the real one.
    expect((await postWebhook(a, stream.ingestToken, purchase())).body.status).toBe('accepted');

    const seenByPreview = await previewGot;
    expect(seenByPreview.map((c) => [c.title.split(' ')[0], c.test ?? false])).toEqual([
      ['Tess', true],
      ['Maria', false],
    ]);
    expect((await visitorGot).map((c) => c.test ?? false)).toEqual([false]);
  });
});
