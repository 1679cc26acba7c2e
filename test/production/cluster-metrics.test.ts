// /metrics with WORKERS=2 on PostgreSQL + Redis: whichever worker a scrape reaches, the answer holds
// both workers' series (labelled worker="0" and worker="1", gathered by the supervisor), so a
// webhook counted by either worker shows in every scrape. The listening line names TRUST_PROXY.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestSchema, createTestSchema, skipWithoutPostgres } from '../support/postgres.ts';
import { TEST_REDIS_URL, skipWithoutRedis, testRedisPrefix } from '../support/redis.ts';
import { type WatchedProcess, freePort, listeningPids, logLines, spawnProofhook, until } from './watched-process.ts';

const skipped = [skipWithoutPostgres('cluster metrics'), skipWithoutRedis('cluster metrics')].some(Boolean);
const ADMIN_TOKEN = 'cluster-metrics-admin-token';
const METRICS_TOKEN = 'cluster-metrics-scraper-token';

/** Sum of every sample of `name` whose labels contain `labels` (e.g. `outcome="accepted"`). */
function sumOf(text: string, name: string, labels: string[] = []): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && labels.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe.skipIf(skipped)('metrics with WORKERS=2', () => {
  let schema: TestSchema;
  let supervisor: WatchedProcess | undefined;

  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(async () => {
    if (supervisor?.running()) {
      supervisor.child.kill('SIGTERM');
      await supervisor.exited;
    }
    await schema?.drop();
  });

  test('every scrape answers for both workers, and a webhook taken by either is counted in each', async () => {
    const port = await freePort();
    supervisor = spawnProofhook({
      WORKERS: '2',
      PORT: String(port),
      DATABASE_URL: schema.url,
      REDIS_URL: TEST_REDIS_URL as string,
      REDIS_PREFIX: testRedisPrefix(),
      ADMIN_TOKEN,
      METRICS_TOKEN,
      TRUST_PROXY: 'loopback',
    });
    const running = supervisor;
    await until(() => listeningPids(running.output()).length === 2, running);
    const listening = logLines(running.output()).filter((line) => String(line.msg).startsWith('Proofhook listening'));
    expect(listening.map((line) => line.trustProxy)).toEqual([['loopback'], ['loopback']]);

    const base = `http://127.0.0.1:${port}`;
    const admin = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
    const site = (await (
      await fetch(`${base}/api/sites`, { method: 'POST', headers: admin, body: '{"name":"Shop"}' })
    ).json()) as { id: number };
    const { ingestToken } = (await (
      await fetch(`${base}/api/sites/${site.id}/notifications`, {
        method: 'POST',
        headers: admin,
        body: '{"name":"Buys"}',
      })
    ).json()) as { ingestToken: string };
    // Fresh connections each time: the supervisor hands them to the workers in turn.
    for (const guid of ['a', 'b', 'c']) {
      const res = await fetch(`${base}/hooks/${ingestToken}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Connection: 'close' },
        body: JSON.stringify({ guid, email: `${guid}@example.com`, firstName: 'Maria' }),
      });
      expect(res.status).toBe(200);
    }

    for (let scrape = 0; scrape < 4; scrape += 1) {
      const res = await fetch(`${base}/metrics`, {
        headers: { Authorization: `Bearer ${METRICS_TOKEN}`, Connection: 'close' },
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/^proofhook_widgets_connected\{worker="0"\} 0$/m);
      expect(text).toMatch(/^proofhook_widgets_connected\{worker="1"\} 0$/m);
      expect(sumOf(text, 'proofhook_webhooks_total', ['outcome="accepted"', 'status="200"'])).toBe(3);
      expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds\{worker="1"\} /m);
    }
    const refused = await fetch(`${base}/metrics`, { headers: { Connection: 'close' } });
    expect(refused.status).toBe(401);
  }, 90_000);
});
