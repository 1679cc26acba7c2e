// Builds a real app over a fresh database (in-memory SQLite, or any storage a suite brings), with a
// movable clock, fake geo and a silent logger.
import pino from 'pino';
import request from 'supertest';
import { type AppDeps, type HttpTimeouts, createApp } from '../../server/app.ts';
import type { Clock } from '../../server/clock.ts';
import { migrate } from '../../server/db/migrate.ts';
import type { WidgetBundle } from '../../server/embed/widget-bundle.ts';
import type { Limits } from '../../server/limits.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import type { GeoLookup } from '../../server/geo/geo.types.ts';
import type { GeoResult } from '../../server/normalize/types.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface MovableClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function createMovableClock(start = Date.UTC(2026, 10, 23, 12, 0, 0)): MovableClock {
  let now = start;
  return {
    now: () => now,
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** A geo lookup with a fixed table, so tests never depend on the bundled database's age. */
export function createFakeGeo(table: Record<string, GeoResult> = {}): GeoLookup & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    lookup(ip) {
      calls.push(ip);
      return table[ip];
    },
  };
}

export interface TestAppOptions {
  geo?: GeoLookup;
  clock?: MovableClock;
  publicUrl?: string;
  widgetBundle?: WidgetBundle;
  limits?: Limits;
  /** Settings the shared app leaves at their defaults (TRUST_PROXY, DEMO, the delivery log budget…). */
  config?: Partial<AppDeps['config']>;
  httpTimeouts?: HttpTimeouts;
}

/** The storage an app is built on, and how to take it away (close it) under the app. */
export interface TestStorage {
  storage: Storage;
  close(): void | Promise<void>;
}

/** The app over any storage: what every suite needs except SQLite's own handle. */
export function createTestAppOn(makeStorage: (clock: MovableClock) => TestStorage, options: TestAppOptions = {}) {
  const clock = options.clock ?? createMovableClock();
  const { storage, close } = makeStorage(clock);
  const built = createApp({
    config: { publicUrl: options.publicUrl ?? 'https://proof.example.com', ...options.config },
    adminToken: ADMIN_TOKEN,
    storage,
    geo: options.geo ?? createFakeGeo(),
    clock,
    logger: pino({ level: 'silent' }),
    widgetBundle: options.widgetBundle,
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
    storage,
    clock,
    api,
    /** Closes the storage under the running app (its requests then fail as storage outages do). */
    async close() {
      if (closed) return;
      closed = true;
      await close();
    },
  };
}

export type AnyTestApp = ReturnType<typeof createTestAppOn>;

const stopped = new WeakSet<AnyTestApp>();

/**
 * Stops the whole app: realtime timers, open connections, Socket.IO and its HTTP server, then the
 * storage. Once per app, so an afterEach may call it for an app a test already stopped.
 */
export async function stopTestApp(t: AnyTestApp): Promise<void> {
  if (stopped.has(t)) return;
  stopped.add(t);
  t.realtime.close();
  t.httpServer.closeAllConnections();
  await t.io.close(); // closes the HTTP server too
  await t.close();
}

/** The app over a fresh in-memory SQLite database, with its handle for tests that look inside. */
export function createTestApp(options: TestAppOptions = {}) {
  const db = openDatabase(':memory:');
  migrate(db);
  const app = createTestAppOn(
    (clock) => ({
      storage: createSqliteStorage(db, clock),
      close: () => {
        db.close();
      },
    }),
    options,
  );
  return { ...app, db };
}

export type TestApp = ReturnType<typeof createTestApp>;

/** Creates a site and a notification through the admin API, as a user would. */
export async function createNotification(
  testApp: AnyTestApp,
  body: { kind?: 'stream' | 'conversion'; name?: string; messageTemplate?: string } = {},
  siteName = 'Sneaker Shop',
) {
  const site = await testApp.api.post('/api/sites', { name: siteName }).expect(201);
  const notification = await testApp.api
    .post(`/api/sites/${site.body.id}/notifications`, { name: 'Recent purchases', ...body })
    .expect(201);
  const token = notification.body.ingestToken as string;
  return { site: site.body, notification: notification.body, token, hookPath: `/hooks/${token}` };
}
