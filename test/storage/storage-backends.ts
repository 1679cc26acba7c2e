// The two Storage implementations under test, each giving a clean storage per test and a second instance.
import { migrate } from '../../server/db/migrate.ts';
import { type SqliteDatabase, openDatabase } from '../../server/db/open-database.ts';
import { createPostgresStorage } from '../../server/storage/postgres-storage.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { createTestSchema } from '../support/postgres.ts';
import { type MovableClock, createMovableClock } from '../support/test-app.ts';

export interface StorageUnderTest {
  storage: Storage;
  /** Another Storage over the same data: for PostgreSQL, its own pool, as a second process would have. */
  other: Storage;
  clock: MovableClock;
}

export interface StorageBackend {
  /** An empty, migrated storage for one test. */
  fresh(): Promise<StorageUnderTest>;
  close(): Promise<void>;
}

export async function makeSqlite(): Promise<StorageBackend> {
  let db: SqliteDatabase | undefined;
  return {
    async fresh() {
      db?.close();
      db = openDatabase(':memory:');
      migrate(db);
      const clock = createMovableClock();
      // An in-memory database has one connection; a second Storage over it is as close as SQLite gets.
      return { storage: createSqliteStorage(db, clock), other: createSqliteStorage(db, clock), clock };
    },
    async close() {
      db?.close();
    },
  };
}

export async function makePostgres(): Promise<StorageBackend> {
  const schema = await createTestSchema();
  const otherPool = schema.openPool();
  return {
    async fresh() {
      await schema.truncate();
      const clock = createMovableClock();
      return {
        storage: createPostgresStorage(schema.pool, clock),
        other: createPostgresStorage(otherPool, clock),
        clock,
      };
    },
    close: () => schema.drop(),
  };
}
