// The storage backends the API and ingest suites run on: the embedded SQLite always, PostgreSQL as
// well when TEST_DATABASE_URL is set (CI sets it). Each suite file gets its own PostgreSQL schema,
// emptied before every test, so every test starts from an empty database on either backend.
import { afterAll } from 'vitest';
import { createPostgresStorage } from '../../server/storage/postgres-storage.ts';
import { openPostgresPool } from '../../server/db/postgres/open-pool.ts';
import { TEST_DATABASE_URL, type TestSchema, createTestSchema } from './postgres.ts';
import { type AnyTestApp, type TestAppOptions, createTestApp, createTestAppOn } from './test-app.ts';

export interface AppBackend {
  name: 'SQLite' | 'PostgreSQL';
  /** A fresh app over empty storage; its close() takes the storage away under it. */
  createApp(options?: TestAppOptions): Promise<AnyTestApp>;
}

const sqlite: AppBackend = {
  name: 'SQLite',
  createApp: async (options) => createTestApp(options),
};

/** Call at the top level of a suite file (it registers the schema's removal after the file's tests). */
export function appBackends(suite: string): AppBackend[] {
  if (!TEST_DATABASE_URL) {
    console.warn(`[${suite}] runs on SQLite only: TEST_DATABASE_URL is not set (CI sets it).`);
    return [sqlite];
  }
  let schema: Promise<TestSchema> | undefined;
  afterAll(async () => {
    await (await schema)?.drop();
  });
  const postgres: AppBackend = {
    name: 'PostgreSQL',
    async createApp(options) {
      schema ??= createTestSchema();
      const ready = await schema;
      await ready.truncate();
      // A pool of its own per app, so that closing it (a storage outage) leaves the next test's alone.
      const pool = openPostgresPool(ready.url);
      return createTestAppOn(
        (clock) => ({ storage: createPostgresStorage(pool, clock), close: () => pool.end() }),
        options,
      );
    },
  };
  return [sqlite, postgres];
}
