// PostgreSQL only: the migration runner, and how the pool behaves when the database misbehaves.
import fs from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { MIGRATIONS_DIR } from '../../server/db/migrate.ts';
import { POSTGRES_MIGRATIONS_DIR, migratePostgres } from '../../server/db/postgres/migrate-postgres.ts';
import { CONNECTION_TIMEOUT_MS, openPostgresPool } from '../../server/db/postgres/open-pool.ts';
import { createPostgresStorage } from '../../server/storage/postgres-storage.ts';
import { MAINTENANCE_STATEMENT_TIMEOUT_MS, withTransaction } from '../../server/db/postgres/pg-transaction.ts';
import { type TestSchema, createTestSchema, skipWithoutPostgres } from '../support/postgres.ts';
import { createMovableClock } from '../support/test-app.ts';
import { buildDelivery } from './storage-builders.ts';

const postgresSkipped = skipWithoutPostgres('postgres migrations and pool');
const sqlFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort();

describe('postgres migration files', () => {
  test('are numbered without gaps, one twin per SQLite migration, so the two schemas evolve together', () => {
    const names = sqlFiles(POSTGRES_MIGRATIONS_DIR);
    names.forEach((name, index) => {
      expect(name).toMatch(new RegExp(`^${String(index + 1).padStart(4, '0')}-[a-z0-9-]+\\.sql$`));
    });
    expect(names).toEqual(sqlFiles(MIGRATIONS_DIR));
  });
});

describe('postgres pool without a database', () => {
  const servers: net.Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  test('a database that accepts connections but never answers fails ping and writes within the timeout', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => sockets.push(socket));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const pool = openPostgresPool(`postgres://postgres@127.0.0.1:${port}/test`);
    const storage = createPostgresStorage(pool, createMovableClock());
    const started = Date.now();
    const target = { notificationId: 1, siteId: 1 };
    await Promise.all([
      expect(storage.ping()).rejects.toThrow(/timeout/i),
      expect(storage.deliveries.record(buildDelivery(target, started))).rejects.toThrow(/timeout/i),
    ]);
    // Both failed on the pool's own timeout (the messages above), not on the test's: how long that
    // takes is the setting, not a stopwatch's reading.
    expect(pool.options.connectionTimeoutMillis).toBe(CONNECTION_TIMEOUT_MS);
    for (const socket of sockets) socket.destroy();
    await pool.end();
  });

  test('a closed port fails ping at once', async () => {
    const pool = openPostgresPool('postgres://postgres@127.0.0.1:1/test');
    await expect(createPostgresStorage(pool, createMovableClock()).ping()).rejects.toThrow();
    await pool.end();
  });
});

describe.skipIf(postgresSkipped)('postgres migrations and pool', () => {
  const schemas: TestSchema[] = [];
  const freshSchema = async () => {
    const schema = await createTestSchema({ migrate: false });
    schemas.push(schema);
    return schema;
  };
  afterEach(async () => {
    await Promise.all(schemas.splice(0).map((schema) => schema.drop()));
  });
  const latest = sqlFiles(POSTGRES_MIGRATIONS_DIR).length;
  const applied = async (schema: TestSchema) =>
    (await schema.pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version')).rows.map(
      (row) => row.name,
    );

  test('a fresh schema migrates to the latest version, and migrating again changes nothing', async () => {
    const schema = await freshSchema();
    expect(await migratePostgres(schema.pool, { schema: schema.name })).toBe(latest);
    expect(await migratePostgres(schema.pool, { schema: schema.name })).toBe(latest);
    expect(await applied(schema)).toEqual(sqlFiles(POSTGRES_MIGRATIONS_DIR));
    const { rows } = await schema.pool.query<{ tablename: string }>(
      'SELECT tablename FROM pg_tables WHERE schemaname = $1',
      [schema.name],
    );
    expect(rows.map((row) => row.tablename)).toEqual(
      expect.arrayContaining([
        'site',
        'notification',
        'conversion',
        'delivery',
        'dedupe_key',
        'widget_stat',
        'setting',
      ]),
    );
  });

  test('without a schema option it migrates into the connection search_path', async () => {
    const schema = await freshSchema();
    await schema.pool.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema.name)}`);
    expect(await migratePostgres(schema.pool)).toBe(latest);
    expect(await applied(schema)).toHaveLength(latest);
  });

  test('two processes migrating at once apply each migration exactly once', async () => {
    const schema = await freshSchema();
    const pools = [schema.pool, schema.openPool(), schema.openPool()];
    const versions = await Promise.all(pools.map((pool) => migratePostgres(pool, { schema: schema.name })));
    expect(versions).toEqual([latest, latest, latest]);
    expect(await applied(schema)).toEqual(sqlFiles(POSTGRES_MIGRATIONS_DIR));
  });

  test('a database newer than the code, or with a renamed migration, is refused', async () => {
    const schema = await freshSchema();
    await migratePostgres(schema.pool, { schema: schema.name });
    await schema.pool.query("UPDATE schema_migrations SET name = '0001-renamed.sql' WHERE version = 1");
    await expect(migratePostgres(schema.pool, { schema: schema.name })).rejects.toThrow(/refusing to guess/);
    await schema.pool.query("INSERT INTO schema_migrations VALUES (999, '0999-future.sql', 0)");
    await expect(migratePostgres(schema.pool, { schema: schema.name })).rejects.toThrow(/newer than this Proofhook/);
  });

  test('a failing migration is rolled back and not recorded', async () => {
    const schema = await freshSchema();
    const migrations = [
      { version: 1, name: '0001-good.sql', sql: 'CREATE TABLE good (id INTEGER);' },
      { version: 2, name: '0002-bad.sql', sql: 'CREATE TABLE half (id INTEGER); SELECT 1 / 0;' },
    ];
    await expect(migratePostgres(schema.pool, { schema: schema.name, migrations })).rejects.toThrow(/0002-bad.sql/);
    expect(await applied(schema)).toEqual(['0001-good.sql']);
    const { rows } = await schema.pool.query("SELECT to_regclass('half') AS half, to_regclass('good') AS good");
    expect(rows[0]).toEqual({ half: null, good: 'good' });
  });

  test('the pool keeps statements short and returns BIGINT as numbers, refusing unsafe ones', async () => {
    const schema = await freshSchema();
    expect((await schema.pool.query('SHOW statement_timeout')).rows[0]).toEqual({ statement_timeout: '2s' });
    expect((await schema.pool.query('SELECT 42::bigint AS n')).rows[0]).toEqual({ n: 42 });
    await expect(schema.pool.query('SELECT 9007199254740993::bigint AS n')).rejects.toThrow(/safe integers/);
  });

  test('a maintenance transaction may outlast the webhook statement and query timeouts; a plain query may not', async () => {
    const schema = await freshSchema();
    await expect(schema.pool.query('SELECT pg_sleep(2.5)')).rejects.toThrow(/statement timeout/);
    const slow = withTransaction(schema.pool, (client) => client.query('SELECT pg_sleep(3.2)'), {
      statementTimeoutMs: MAINTENANCE_STATEMENT_TIMEOUT_MS,
    });
    await expect(slow).resolves.toMatchObject({ rowCount: 1 });
  });

  test('an idle connection that dies is reported and replaced, not fatal', async () => {
    const schema = await freshSchema();
    const onIdleError = vi.fn();
    const pool = schema.openPool({ onIdleError });
    const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await schema.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
    await vi.waitFor(() => expect(onIdleError).toHaveBeenCalledOnce());
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  test('ping rejects when the database only takes reads', async () => {
    const schema = await freshSchema();
    const url = new URL(schema.url);
    url.searchParams.set('options', `${url.searchParams.get('options')} -c default_transaction_read_only=on`);
    const pool = openPostgresPool(url.toString());
    await expect(createPostgresStorage(pool, createMovableClock()).ping()).rejects.toThrow(/read-only/);
    await pool.end();
  });
});
