// The app over a fresh in-memory SQLite database (or any storage a suite brings) with the settings
// the shared test app leaves at their defaults: TRUST_PROXY, DEMO, the delivery log budget and the
// HTTP timeouts.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import request from 'supertest';
import { type AppDeps, type HttpTimeouts, createApp } from '../../server/app.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import type { Limits } from '../../server/limits.ts';
import { type Storage, createSqliteStorage } from '../../server/storage.ts';
import { ADMIN_TOKEN, type MovableClock, createFakeGeo, createMovableClock } from '../support/test-app.ts';

export interface SafetyAppOptions {
  config?: Partial<AppDeps['config']>;
  limits?: Limits;
  httpTimeouts?: HttpTimeouts;
  /** Storage to build on; a fresh in-memory SQLite database when absent. */
  storage?: (clock: MovableClock) => { storage: Storage; close(): void | Promise<void> };
}

export function createSafetyApp(options: SafetyAppOptions = {}) {
  const clock = createMovableClock();
  const opened =
    options.storage?.(clock) ??
    (() => {
      const db = openDatabase(':memory:');
      migrate(db);
      return { storage: createSqliteStorage(db, clock), close: () => db.close() };
    })();
  const built = createApp({
    config: { publicUrl: 'https://proof.example.com', ...options.config },
    adminToken: ADMIN_TOKEN,
    storage: opened.storage,
    geo: createFakeGeo(),
    clock,
    logger: pino({ level: 'silent' }),
    limits: options.limits,
    httpTimeouts: options.httpTimeouts,
  });
  const api = {
    get: (url: string) => request(built.app).get(url).set('Authorization', `Bearer ${ADMIN_TOKEN}`),
    post: (url: string, body?: object) =>
      request(built.app).post(url).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body),
    patch: (url: string, body?: object) =>
      request(built.app).patch(url).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body),
    delete: (url: string) => request(built.app).delete(url).set('Authorization', `Bearer ${ADMIN_TOKEN}`),
  };
  let closed = false;
  return {
    ...built,
    storage: opened.storage,
    clock,
    api,
    async close() {
      if (closed) return;
      closed = true;
      built.realtime.close();
      built.httpServer.closeAllConnections();
      await built.io.close(); // closes the HTTP server too
      await opened.close();
    },
  };
}

export type SafetyApp = ReturnType<typeof createSafetyApp>;

/** Listens on a free loopback port; resolves with the base URL. */
export async function listenSafety(t: SafetyApp): Promise<string> {
  await new Promise<void>((resolve) => t.httpServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(t.httpServer.address() as AddressInfo).port}`;
}

/** Creates a site and a stream notification through the admin API. */
export async function createSafetyNotification(t: SafetyApp, name = 'Sneaker Shop') {
  const site = await t.api.post('/api/sites', { name }).expect(201);
  const notification = await t.api
    .post(`/api/sites/${site.body.id}/notifications`, { name: 'Recent purchases' })
    .expect(201);
  const token = notification.body.ingestToken as string;
  return { site: site.body, notification: notification.body, token, hookPath: `/hooks/${token}` };
}
