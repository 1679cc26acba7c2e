// Applies the numbered .sql migrations above PRAGMA user_version, forward-only, each in a transaction.
import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../project-root.ts';
import type { SqliteDatabase } from './open-database.ts';

export const MIGRATIONS_DIR = projectPath('server/db/migrations');
const MIGRATION_NAME = /^(\d{4})-[a-z0-9-]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads migrations in order and refuses gaps or duplicate numbers, which would skip schema. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => {
      const match = MIGRATION_NAME.exec(name);
      if (!match?.[1]) throw new Error(`Migration file name must look like 0001-what-it-does.sql: ${name}`);
      return { version: Number(match[1]), name, sql: fs.readFileSync(path.join(dir, name), 'utf8') };
    });
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 0001, 0002, … without gaps; found ${migration.name}`);
    }
  });
  return migrations;
}

/** Returns the schema version after migrating. */
export function migrate(db: SqliteDatabase, migrations = readMigrations()): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) {
    throw new Error(`Database schema version ${current} is newer than this Proofhook (${latest}); upgrade Proofhook`);
  }
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      // user_version cannot take a bound parameter; the value is an integer we computed.
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return latest;
}
