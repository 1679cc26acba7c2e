// The Storage contract's frame, shared by the storage-contract-*.test.ts files: each part runs once on
// the embedded SQLite and once on PostgreSQL (skipped without one), each test on a fresh, migrated storage.
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { Storage } from '../../server/storage/storage.ts';
import { skipWithoutPostgres } from '../support/postgres.ts';
import { type StorageBackend, type StorageUnderTest, makePostgres, makeSqlite } from './storage-backends.ts';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
const postgresSkipped = skipWithoutPostgres('storage contract, postgres half');

/** `parts` declares describe blocks; `t()` is this test's storage under test, `storage()` its Storage. */
export function describeStorageContract(parts: (t: () => StorageUnderTest, storage: () => Storage) => void): void {
  describe.each([
    ['sqlite', makeSqlite],
    ['postgres', makePostgres],
  ])('%s', (name, make) => {
    describe.skipIf(name === 'postgres' && postgresSkipped)('storage contract', () => {
      let backend: StorageBackend | undefined;
      let under: StorageUnderTest;

      beforeAll(async () => {
        backend = await make();
      });
      afterAll(async () => {
        await backend?.close();
      });
      beforeEach(async () => {
        under = await (backend as StorageBackend).fresh();
      });

      parts(
        () => under,
        () => under.storage,
      );
    });
  });
}
