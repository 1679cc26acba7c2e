// PostgreSQL for tests: a fresh schema per test file, migrated, dropped afterwards; skipped without TEST_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migratePostgres } from '../../server/db/postgres/migrate-postgres.ts';
import { type PoolOptions, openPostgresPool } from '../../server/db/postgres/open-pool.ts';

/** e.g. postgres://postgres@127.0.0.1:5432/test; unset, the PostgreSQL suites are skipped. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/** True when there is no PostgreSQL to test against, after saying so once for this suite. */
export function skipWithoutPostgres(suite: string): boolean {
  if (TEST_DATABASE_URL) return false;
  console.warn(
    `[${suite}] skipped: TEST_DATABASE_URL is not set. ` +
      'Run e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test (CI sets it).',
  );
  return true;
}

export interface TestSchema {
  /** proofhook_test_<random>: tests of different files never see each other's rows. */
  name: string;
  /** TEST_DATABASE_URL with the schema as search_path (the libpq `options` parameter). */
  url: string;
  pool: pg.Pool;
  /** One more pool on the same schema: what a second Proofhook process would use. */
  openPool(options?: PoolOptions): pg.Pool;
  /** Empties every table and restarts ids at 1, as a fresh SQLite database would. */
  truncate(): Promise<void>;
  /** Drops the schema and ends every pool opened here. */
  drop(): Promise<void>;
}

export async function createTestSchema(options: { migrate?: boolean } = {}): Promise<TestSchema> {
  if (!TEST_DATABASE_URL) throw new Error('createTestSchema needs TEST_DATABASE_URL');
  const name = `proofhook_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(TEST_DATABASE_URL);
  // Tests need no durability after a crash: not waiting for the WAL flush at each commit speeds them up.
  url.searchParams.set('options', `-c search_path=${name} -c synchronous_commit=off`);
  const pools: pg.Pool[] = [];
  const openPool = (poolOptions?: PoolOptions) => {
    const pool = openPostgresPool(url.toString(), poolOptions);
    pools.push(pool);
    return pool;
  };
  const pool = openPool();
  if (options.migrate ?? true) await migratePostgres(pool, { schema: name });

  return {
    name,
    url: url.toString(),
    pool,
    openPool,
    async truncate() {
      const { rows } = await pool.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename != 'schema_migrations'",
        [name],
      );
      if (rows.length === 0) return;
      // DELETE is ~30x faster than TRUNCATE on tables this small. In one statement, foreign keys are
      // checked at its end, by when children and parents are all gone, so the order does not matter.
      // Table names cannot be bound parameters; they come from the catalog and are quoted.
      const deletes = rows.map((row, index) => `d${index} AS (DELETE FROM ${pg.escapeIdentifier(row.tablename)})`);
      await pool.query(`WITH ${deletes.join(', ')} SELECT 1`);
      await pool.query(
        "SELECT setval(format('%I.%I', schemaname, sequencename), 1, false) FROM pg_sequences WHERE schemaname = $1",
        [name],
      );
    },
    async drop() {
      try {
        await pool.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(name)} CASCADE`);
      } finally {
        await Promise.all(pools.map((each) => each.end()));
      }
    },
  };
}
