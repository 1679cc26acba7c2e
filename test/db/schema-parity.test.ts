// The SQLite and PostgreSQL migrations are written by hand, side by side: a fresh database of each,
// migrated to the latest version, must have the same tables, the same columns in each table and the
// same named indexes, so that a migration added to one backend alone fails here rather than in use.
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MIGRATIONS_DIR, migrate } from '../../server/db/migrate.ts';
import { POSTGRES_MIGRATIONS_DIR } from '../../server/db/postgres/migrate-postgres.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import { createTestSchema, skipWithoutPostgres, type TestSchema } from '../support/postgres.ts';

interface SchemaShape {
  /** Table → its column names, sorted. */
  tables: Record<string, string[]>;
  /** Index names the migrations chose (not the ones a primary key or UNIQUE constraint makes itself). */
  indexes: string[];
}

function sqliteShape(db: Database.Database): SchemaShape {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const tables = Object.fromEntries(
    names.map((name) => [
      name,
      (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(name) as string[]).sort(),
    ]),
  );
  // `sql` is null for the indexes SQLite makes for PRIMARY KEY and UNIQUE constraints.
  const indexes = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
    .pluck()
    .all() as string[];
  return { tables, indexes };
}

async function postgresShape(schema: TestSchema): Promise<SchemaShape> {
  const columns = await schema.pool.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations'
      ORDER BY c.table_name, c.column_name`,
    [schema.name],
  );
  const tables: Record<string, string[]> = {};
  for (const row of columns.rows) tables[row.table_name] = [...(tables[row.table_name] ?? []), row.column_name];
  // Indexes that back a constraint (primary keys, UNIQUE) are named by PostgreSQL, not by us.
  const indexes = await schema.pool.query<{ indexname: string }>(
    `SELECT i.indexname FROM pg_indexes i
      WHERE i.schemaname = $1 AND i.tablename <> 'schema_migrations'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
      ORDER BY i.indexname`,
    [schema.name],
  );
  return { tables, indexes: indexes.rows.map((row) => row.indexname) };
}

test('each migration exists for both backends, under the same number and name', () => {
  const names = (dir: string) =>
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.sql'))
      .sort();
  expect(names(POSTGRES_MIGRATIONS_DIR)).toEqual(names(MIGRATIONS_DIR));
});

describe.skipIf(skipWithoutPostgres('schema parity'))('SQLite and PostgreSQL schemas', () => {
  let sqlite: SchemaShape;
  let postgres: SchemaShape;
  let schema: TestSchema;

  beforeAll(async () => {
    const db = openDatabase(':memory:');
    migrate(db);
    sqlite = sqliteShape(db);
    db.close();
    schema = await createTestSchema();
    postgres = await postgresShape(schema);
  });

  afterAll(async () => {
    await schema?.drop();
  });

  test('have the same tables', () => {
    expect(Object.keys(postgres.tables).sort()).toEqual(Object.keys(sqlite.tables).sort());
    expect(Object.keys(sqlite.tables).length).toBeGreaterThan(0);
  });

  test('have the same columns in each table', () => {
    expect(postgres.tables).toEqual(sqlite.tables);
  });

  test('have the same named indexes', () => {
    expect(postgres.indexes).toEqual(sqlite.indexes);
  });
});
