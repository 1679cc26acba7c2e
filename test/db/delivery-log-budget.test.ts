// The per-site storage budget of the delivery log, on both backends: past DELIVERY_LOG_MB_PER_SITE,
// the oldest deliveries of that site lose their stored request (oldest first) until the site is back
// under budget; their rows stay with a note, counts are unchanged, other sites are untouched.
import request from 'supertest';
import { afterAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createPostgresStorage } from '../../server/storage/postgres-storage.ts';
import { openPostgresPool } from '../../server/db/postgres/open-pool.ts';
import { TRIMMED_NOTE } from '../../server/deliveries/delivery-log-size.ts';
import { TEST_DATABASE_URL, type TestSchema, createTestSchema } from '../support/postgres.ts';
import {
  type AnyTestApp,
  type MovableClock,
  type TestStorage,
  createNotification,
  createTestApp,
  createTestAppOn,
  stopTestApp,
} from '../support/test-app.ts';

const KIB = 1024;
const BUDGET = 64 * KIB;

let schema: Promise<TestSchema> | undefined;
afterAll(async () => {
  await (await schema)?.drop();
});

type Backend = { name: string; storage: () => Promise<((clock: MovableClock) => TestStorage) | undefined> };
const backends: Backend[] = [{ name: 'SQLite', storage: async () => undefined }];
if (TEST_DATABASE_URL) {
  backends.push({
    name: 'PostgreSQL',
    async storage() {
      schema ??= createTestSchema();
      const ready = await schema;
      await ready.truncate();
      const pool = openPostgresPool(ready.url);
      return (clock) => ({ storage: createPostgresStorage(pool, clock), close: () => pool.end() });
    },
  });
} else {
  console.warn('[delivery log budget] runs on SQLite only: TEST_DATABASE_URL is not set (CI sets it).');
}

const order = (i: number) => ({ email: `buyer${i}@example.com`, firstName: 'Maria', note: 'x'.repeat(4 * KIB) });

describe.each(backends)('on $name', (backend) => {
  let t: AnyTestApp;
  const apps: AnyTestApp[] = [];
  beforeEach(async () => {
    for (const app of apps.splice(0)) await stopTestApp(app);
  });
  afterAll(async () => {
    for (const app of apps.splice(0)) await stopTestApp(app);
  });
  const open = async (budget: number) => {
    const options = { config: { deliveryLogBytesPerSite: budget } };
    const storage = await backend.storage();
    t = storage ? createTestAppOn(storage, options) : createTestApp(options);
    apps.push(t);
    return t;
  };

  test('storedBytesOfSite counts one site; trimOldestOfSite drops the oldest requests first', async () => {
    await open(0);
    const a = await createNotification(t, {}, 'A');
    const b = await createNotification(t, {}, 'B');
    for (let i = 0; i < 6; i += 1) await request(t.app).post(a.hookPath).send(order(i)).expect(200);
    await request(t.app).post(b.hookPath).send(order(99)).expect(200);
    const before = await t.storage.deliveries.storedBytesOfSite(a.site.id);
    expect(before).toBeGreaterThan(6 * 4 * KIB);
    expect(before).toBeLessThan(6 * 6 * KIB);
    const other = await t.storage.deliveries.storedBytesOfSite(b.site.id);

    // A little more than two deliveries' worth: the three oldest go.
    expect(await t.storage.deliveries.trimOldestOfSite(a.site.id, Math.ceil((before / 6) * 2.5))).toBe(3);
    const log = await t.api.get(`/api/notifications/${a.notification.id}/deliveries?limit=10`).expect(200);
    const oldestFirst = [...log.body.deliveries].reverse();
    for (const trimmed of oldestFirst.slice(0, 3)) {
      expect(trimmed).toMatchObject({ outcome: 'accepted', bodyText: '', headers: {}, normalized: null });
      expect(trimmed.reason).toContain(TRIMMED_NOTE);
      expect(trimmed.bodyBytes).toBeGreaterThan(4 * KIB);
    }
    for (const kept of oldestFirst.slice(3)) expect(kept.bodyText).toContain('buyer');
    expect(await t.storage.deliveries.storedBytesOfSite(a.site.id)).toBeLessThan(before / 2 + 1);
    expect(await t.storage.deliveries.storedBytesOfSite(b.site.id)).toBe(other);
    // Nothing already trimmed is trimmed (or noted) twice.
    expect(await t.storage.deliveries.trimOldestOfSite(a.site.id, 1)).toBe(1);
    const again = await t.api.get(`/api/deliveries/${oldestFirst[0].id}`).expect(200);
    expect(again.body.reason.split(TRIMMED_NOTE)).toHaveLength(2);
    // The counts still see every delivery.
    const stats = await t.api.get(`/api/notifications/${a.notification.id}/stats`).expect(200);
    expect(stats.body.windows['24h']).toMatchObject({ deliveries: 6, accepted: 6, conversions: 6 });
  });

  test('a site over its budget is trimmed back under it as deliveries arrive; other sites are untouched', async () => {
    await open(BUDGET);
    const busy = await createNotification(t, {}, 'Busy');
    const quiet = await createNotification(t, {}, 'Quiet');
    await request(t.app).post(quiet.hookPath).send(order(0)).expect(200);
    const quietBytes = await t.storage.deliveries.storedBytesOfSite(quiet.site.id);
    // About 2.5 times the budget.
    for (let i = 0; i < 40; i += 1) await request(t.app).post(busy.hookPath).send(order(i)).expect(200);
    await vi.waitFor(async () => {
      expect(await t.storage.deliveries.storedBytesOfSite(busy.site.id)).toBeLessThanOrEqual(BUDGET);
    });
    const log = await t.api.get(`/api/notifications/${busy.notification.id}/deliveries?limit=50`).expect(200);
    expect(log.body.deliveries).toHaveLength(40);
    // Newest first: the most recent ones are whole, and once one is trimmed every older one is too.
    const kept = log.body.deliveries.map((d: { bodyText: string }) => d.bodyText !== '');
    expect(kept[0]).toBe(true);
    expect(kept.indexOf(false)).toBeGreaterThan(0);
    expect(kept.slice(kept.indexOf(false))).not.toContain(true);
    expect(await t.storage.deliveries.storedBytesOfSite(quiet.site.id)).toBe(quietBytes);
  });
});
