// GET /metrics as a Prometheus scraper sees it: refused without a token, answered with METRICS_TOKEN
// or the admin token, and counting what the server did (webhooks by outcome and status, the ack time,
// group-commit batches, widgets, pushes, storage errors, event-loop lag).
import request from 'supertest';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { migrate } from '../../server/db/migrate.ts';
import { createGroupCommit } from '../../server/db/group-commit.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import { ADMIN_TOKEN } from '../support/test-app.ts';
import { type WidgetClient, connectWidget, waitFor } from '../support/widget-client.ts';
import { type ObservedApp, createObservedApp, sampleValue } from './observed-app.ts';

let t: ObservedApp;
const clients: WidgetClient[] = [];

const purchase = { email: 'maria@example.com', firstName: 'Maria', productName: 'Sneakers', orderId: 'A-1' };

describe('/metrics', () => {
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await t.close();
  });

  test('refuses a request without a token, or with a wrong one, with a 401 that says what to send', async () => {
    t = createObservedApp();
    const bare = await request(t.app).get('/metrics').expect(401);
    expect(bare.body.error.message).toMatch(/METRICS_TOKEN/);
    expect(bare.headers['www-authenticate']).toMatch(/^Bearer/);
    await t.scrape('not-the-right-token-at-all').expect(401);
    expect(bare.text).not.toMatch(/proofhook_/);
  });

  test('answers the Prometheus text format to METRICS_TOKEN and to the admin token', async () => {
    t = createObservedApp();
    const withMetricsToken = await t.scrape().expect(200);
    expect(withMetricsToken.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(withMetricsToken.text).toMatch(/^# HELP proofhook_webhooks_total /m);
    await t.scrape(ADMIN_TOKEN).expect(200);
  });

  test('five wrong tokens from one address lock it out, the right token included, with a 429', async () => {
    t = createObservedApp();
    for (let attempt = 0; attempt < 5; attempt += 1) await t.scrape('a-guessed-token-0123456789').expect(401);
    const locked = await t.scrape().expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  test('a 503 saying why when the metrics cannot be gathered (a worker that does not answer)', async () => {
    t = createObservedApp({ readMetrics: () => Promise.reject(new Error('Operation timed out.')) });
    const res = await t.scrape().expect(503);
    expect(res.body.error).toEqual({
      code: 'metrics-unavailable',
      message: 'Metrics could not be gathered: Operation timed out.',
    });
  });

  test('counts a webhook by outcome and status, with its ack time', async () => {
    t = createObservedApp();
    const { hookPath } = await t.createNotification();
    await request(t.app).post(hookPath).send(purchase).expect(200);
    await request(t.app).post(hookPath).send(purchase).expect(200);
    await request(t.app).post('/hooks/no-such-token').send(purchase).expect(404);

    const { text } = await t.scrape().expect(200);
    expect(sampleValue(text, 'proofhook_webhooks_total{outcome="accepted",status="200"}')).toBe(1);
    expect(sampleValue(text, 'proofhook_webhooks_total{outcome="duplicate",status="200"}')).toBe(1);
    expect(sampleValue(text, 'proofhook_webhooks_total{outcome="unknown-webhook",status="404"}')).toBe(1);
    expect(sampleValue(text, 'proofhook_webhook_ack_seconds_count')).toBe(3);
    expect(sampleValue(text, 'proofhook_webhook_ack_seconds_bucket{le="+Inf"}')).toBe(3);
    // Each stored delivery went through one group-commit batch of at least one write.
    expect(sampleValue(text, 'proofhook_group_commit_batch_size_sum')).toBeGreaterThanOrEqual(2);
  });

  test('counts connected widgets and times a push from the reply to the emit', async () => {
    t = createObservedApp();
    const { hookPath, widgetKey } = await t.createNotification();
    await new Promise<void>((resolve) => t.httpServer.listen(0, '127.0.0.1', resolve));
    const { port } = t.httpServer.address() as { port: number };
    const widget = connectWidget(`http://127.0.0.1:${port}`, { key: widgetKey });
    clients.push(widget);
    await waitFor(widget, 'widget:ready');
    expect(sampleValue((await t.scrape()).text, 'proofhook_widgets_connected')).toBe(1);

    const pushed = waitFor(widget, 'conversion:created');
    await request(t.app).post(hookPath).send(purchase).expect(200);
    await pushed;
    await vi.waitFor(async () => expect(sampleValue((await t.scrape()).text, 'proofhook_push_seconds_count')).toBe(1));
  });

  test('counts storage errors and shows the event-loop lag', async () => {
    t = createObservedApp();
    const { hookPath } = await t.createNotification();
    t.db.close();
    await request(t.app).post(hookPath).send(purchase).expect(503);
    const { text } = await t.scrape().expect(200);
    expect(sampleValue(text, 'proofhook_storage_errors_total')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'proofhook_webhooks_total{outcome="unavailable",status="503"}')).toBe(1);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
    expect(text).toMatch(/^proofhook_redis_errors_total 0$/m);
  });

  test('two apps in one process keep separate counts (no global registry)', async () => {
    t = createObservedApp();
    const other = createObservedApp();
    try {
      const { hookPath } = await t.createNotification();
      await request(t.app).post(hookPath).send(purchase).expect(200);
      expect(sampleValue((await other.scrape()).text, 'proofhook_webhook_ack_seconds_count')).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('group commit observer', () => {
  test('hears the size of each batch: writes submitted in one turn share one', async () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const sizes: number[] = [];
    const commit = createGroupCommit(db, (n: number) => n * 2, { onBatch: (size) => sizes.push(size) });
    expect(await Promise.all([commit.submit(1), commit.submit(2), commit.submit(3)])).toEqual([2, 4, 6]);
    expect(await commit.submit(4)).toBe(8);
    expect(sizes).toEqual([3, 1]);
    db.close();
  });
});
