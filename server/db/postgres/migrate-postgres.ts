// Applies the numbered PostgreSQL migrations, forward-only, each in a transaction, under an advisory lock.
import pg from 'pg';
import { projectPath } from '../../project-root.ts';
import { type Migration, readMigrations } from '../migrate.ts';

export const POSTGRES_MIGRATIONS_DIR = projectPath('server/db/postgres/migrations');

// Two processes starting at once would both see version 0 and both run 0001; a session advisory lock
// makes the second wait and then find nothing to do. The first key is an arbitrary constant ('prf1')
// that keeps our lock apart from any other advisory locks the database's users take; the second is
// the schema, so installs in different schemas never wait for each other.
// https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
const LOCK_NAMESPACE = 0x70726631;
/** How long a process waits for another one's migrations before giving up (and being restarted). */
export const MIGRATION_LOCK_TIMEOUT_MS = 60_000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface MigratePostgresOptions {
  /** Creates this schema when missing and migrates inside it; default: the connection's search_path. */
  schema?: string;
  migrations?: Migration[];
}

interface AppliedRow {
  version: number;
  name: string;
}

/** Returns the schema version after migrating. */
export async function migratePostgres(pool: pg.Pool, options: MigratePostgresOptions = {}): Promise<number> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Schema name must be lower-case letters, digits and _: ${schema}`);
  }
  const migrations = options.migrations ?? readMigrations(POSTGRES_MIGRATIONS_DIR);
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    // Session settings for this client only; it is destroyed afterwards so none of them leak into the pool.
    // A migration may build an index on a big table: the webhook's statement timeout does not apply.
    await client.query("SELECT set_config('statement_timeout', '0', false)");
    await client.query("SELECT set_config('lock_timeout', $1, false)", [String(MIGRATION_LOCK_TIMEOUT_MS)]);
    const { rows } = await client.query<{ scope: string }>("SELECT coalesce($1, current_schema(), '') AS scope", [
      schema ?? null,
    ]);
    const scope = rows[0]?.scope ?? '';
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, scope]);
    if (schema !== undefined) {
      // Identifiers cannot be bound parameters; the name was checked against SCHEMA_NAME above.
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
      await client.query("SELECT set_config('search_path', $1, false)", [pg.escapeIdentifier(schema)]);
    }
    return await applyPending(client, migrations);
  } finally {
    client.off('error', onError);
    // Destroying the connection releases the advisory lock and drops the session settings.
    client.release(broken ?? true);
  }
}

async function applyPending(client: pg.PoolClient, migrations: Migration[]): Promise<number> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version INTEGER PRIMARY KEY,
       name TEXT NOT NULL,
       applied_at BIGINT NOT NULL
     )`,
  );
  const applied = (await client.query<AppliedRow>('SELECT version, name FROM schema_migrations ORDER BY version')).rows;
  const latest = migrations.length;
  const current = applied.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`Database schema version ${current} is newer than this Proofhook (${latest}); upgrade Proofhook`);
  }
  for (const row of applied) {
    const expected = migrations[row.version - 1]?.name;
    if (expected !== row.name) {
      throw new Error(`Migration ${row.version} was applied as ${row.name} but is now ${expected}; refusing to guess`);
    }
  }
  for (const migration of migrations.slice(current)) {
    try {
      await client.query('BEGIN');
      await client.query(migration.sql);
      await client.query(
        `INSERT INTO schema_migrations (version, name, applied_at)
         VALUES ($1, $2, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)`,
        [migration.version, migration.name],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw new Error(`PostgreSQL migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return latest;
}
