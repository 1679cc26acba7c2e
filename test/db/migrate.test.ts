import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open-database.ts';

describe('migrations', () => {
  test('files are numbered without gaps and named for what they do', () => {
    const names = fs.readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql'));
    expect(names.length).toBeGreaterThan(0);
    names.sort().forEach((name, index) => {
      expect(name).toMatch(new RegExp(`^${String(index + 1).padStart(4, '0')}-[a-z0-9-]+\\.sql$`));
    });
  });

  test('a fresh database migrates to the latest version, and migrating again changes nothing', () => {
    const db = openDatabase(':memory:');
    const latest = readMigrations().length;
    expect(migrate(db)).toBe(latest);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(migrate(db)).toBe(latest);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['site', 'notification', 'conversion', 'delivery', 'dedupe_key']));
    const columns = db.prepare("SELECT name FROM pragma_table_info('notification')").pluck().all();
    expect(columns).toContain('field_map');
    db.close();
  });

  test('a database made by 0001 alone gains the field map column, empty, on its rows', () => {
    const db = openDatabase(':memory:');
    const [initial] = readMigrations();
    migrate(db, initial ? [initial] : []);
    db.exec(`INSERT INTO site (name, widget_key, created_at, updated_at) VALUES ('Shop', 'pk_1', 0, 0);
      INSERT INTO notification (site_id, kind, name, message_template, ingest_token, created_at, updated_at)
      VALUES (1, 'stream', 'Buys', '{{firstName}}', 'whk_1', 0, 0);`);
    migrate(db);
    expect(db.prepare('SELECT field_map FROM notification').pluck().get()).toBeNull();
  });

  test('a file database gets WAL, foreign keys and a busy timeout', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proofhook-db-'));
    const db = openDatabase(path.join(dir, 'nested', 'p.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(2000);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a database newer than the code is refused rather than silently used', () => {
    const db = openDatabase(':memory:');
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/newer than this Proofhook/);
    db.close();
  });

  test('a gap in migration numbers is refused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proofhook-mig-'));
    fs.writeFileSync(path.join(dir, '0001-a.sql'), 'SELECT 1;');
    fs.writeFileSync(path.join(dir, '0003-c.sql'), 'SELECT 1;');
    expect(() => readMigrations(dir)).toThrow(/without gaps/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
