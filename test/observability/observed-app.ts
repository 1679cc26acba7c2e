// The real app over in-memory SQLite, with what the observability tests look at: its info log lines
// (pino writing into an array instead of stdout), a METRICS_TOKEN, and optionally a Redis scale-out.
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { type AppDeps, createApp } from '../../server/app.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import { createMetrics } from '../../server/observability/metrics.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { ADMIN_TOKEN, createFakeGeo, createMovableClock } from '../support/test-app.ts';

export const METRICS_TOKEN = 'metrics-scraper-token-0123';

export interface ObservedAppOptions {
  cluster?: AppDeps['cluster'];
  readMetrics?: AppDeps['readMetrics'];
}

export function createObservedApp(options: ObservedAppOptions = {}) {
  const logs: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const db = openDatabase(':memory:');
  migrate(db);
  const clock = createMovableClock();
  const metrics = createMetrics();
  const built = createApp({
    config: { publicUrl: 'https://proof.example.com', metricsToken: METRICS_TOKEN },
    adminToken: ADMIN_TOKEN,
    storage: createSqliteStorage(db, clock, { onBatch: metrics.commitBatch }),
    geo: createFakeGeo(),
    clock,
    logger: pino({ level: 'info' }, stream),
    metrics,
    cluster: options.cluster,
    readMetrics: options.readMetrics,
  });
  const admin = {
    post: (url: string, body: object) =>
      request(built.app).post(url).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body),
  };
  return {
    ...built,
    db,
    logs,
    /** Lines logged with this message, in order. */
    logged: (msg: string) => logs.filter((line) => line.msg === msg),
    async createNotification() {
      const site = await admin.post('/api/sites', { name: 'Sneaker Shop' }).expect(201);
      const created = await admin
        .post(`/api/sites/${site.body.id}/notifications`, { name: 'Recent purchases' })
        .expect(201);
      return {
        siteId: site.body.id as number,
        widgetKey: site.body.widgetKey as string,
        notificationId: created.body.id as number,
        hookPath: `/hooks/${created.body.ingestToken}`,
      };
    },
    scrape: (token = METRICS_TOKEN) => request(built.app).get('/metrics').set('Authorization', `Bearer ${token}`),
    async close() {
      built.realtime.close();
      await new Promise((resolve) => built.io.close(resolve));
      if (db.open) db.close();
    },
  };
}

export type ObservedApp = ReturnType<typeof createObservedApp>;

/** The value of one sample line of a Prometheus text, e.g. `proofhook_webhooks_total{outcome="accepted",status="200"}`. */
export function sampleValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
