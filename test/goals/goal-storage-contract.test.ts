// The goal aggregates' storage contract: the embedded SQLite and PostgreSQL count the same way.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { skipWithoutPostgres } from '../support/postgres.ts';
import { type StorageBackend, type StorageUnderTest, makePostgres, makeSqlite } from '../storage/storage-backends.ts';
import { createTarget } from '../storage/storage-builders.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const postgresSkipped = skipWithoutPostgres('goal storage contract, postgres half');

describe.each([
  ['sqlite', makeSqlite],
  ['postgres', makePostgres],
])('%s', (name, make) => {
  describe.skipIf(name === 'postgres' && postgresSkipped)('goal storage contract', () => {
    let backend: StorageBackend | undefined;
    let t: StorageUnderTest;

    beforeAll(async () => {
      backend = await make();
    });
    afterAll(async () => {
      await backend?.close();
    });
    beforeEach(async () => {
      t = await (backend as StorageBackend).fresh();
    });

    test('visits add up per exposure group over the days asked for, and per site', async () => {
      const { siteId } = await createTarget(t.storage);
      const other = await createTarget(t.storage, 'Other shop');
      const today = t.clock.now();
      const goals = t.storage.goals;
      await goals.recordVisit(siteId, 'exposed', today);
      await goals.recordVisit(siteId, 'exposed', today);
      await goals.recordVisit(siteId, 'control', today);
      await goals.recordVisit(siteId, 'exposed', today - 3 * DAY_MS);
      await goals.recordVisit(siteId, 'unexposed', today - 10 * DAY_MS);
      await goals.recordVisit(other.siteId, 'exposed', today);
      const sinceDay = new Date(today - 6 * DAY_MS).toISOString().slice(0, 10);
      expect(await goals.visitsSince(siteId, sinceDay)).toEqual([
        { exposure: 'control', visits: 1 },
        { exposure: 'exposed', visits: 3 },
      ]);
      // Another Storage over the same data (a second process) reads the same.
      expect(await t.other.goals.visitsSince(siteId, '2000-01-01')).toEqual([
        { exposure: 'control', visits: 1 },
        { exposure: 'exposed', visits: 3 },
        { exposure: 'unexposed', visits: 1 },
      ]);
    });

    test('completions, converters and value in cents add up per goal and group; after a click, per notification', async () => {
      const { siteId, notificationId } = await createTarget(t.storage);
      const at = t.clock.now();
      const goals = t.storage.goals;
      const base = { siteId, at, notificationId: undefined };
      await goals.recordCompletion({
        ...base,
        exposure: 'clicked',
        goal: 'signup',
        valueCents: 4990,
        first: true,
        notificationId,
      });
      await goals.recordCompletion({
        ...base,
        exposure: 'clicked',
        goal: 'signup',
        valueCents: 1000,
        first: false,
        notificationId,
      });
      await goals.recordCompletion({ ...base, exposure: 'control', goal: 'signup', valueCents: 0, first: true });
      await goals.recordCompletion({ ...base, exposure: 'exposed', goal: 'buy', valueCents: 100_000_000, first: true });
      await goals.recordCompletion({ ...base, exposure: 'exposed', goal: 'buy', valueCents: 100_000_000, first: true });
      expect(await goals.completionsSince(siteId, '2000-01-01')).toEqual([
        { exposure: 'exposed', goal: 'buy', completions: 2, converters: 2, valueCents: 200_000_000 },
        { exposure: 'clicked', goal: 'signup', completions: 2, converters: 1, valueCents: 5990 },
        { exposure: 'control', goal: 'signup', completions: 1, converters: 1, valueCents: 0 },
      ]);
      expect(await goals.notificationCompletionsSince(siteId, '2000-01-01')).toEqual([
        { notificationId, goal: 'signup', completions: 2, valueCents: 5990 },
      ]);
      const tomorrow = new Date(at + DAY_MS).toISOString().slice(0, 10);
      expect(await goals.completionsSince(siteId, tomorrow)).toEqual([]);
      expect(await goals.notificationCompletionsSince(siteId, tomorrow)).toEqual([]);
    });
  });
});
