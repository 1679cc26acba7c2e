// The README's backup recipe: while Proofhook runs, copy the database with SQLite (the online backup
// API that the sqlite3 shell's `.backup` uses, or `VACUUM INTO` from any connection), not with `cp`.
// Recent commits live in the WAL until a checkpoint copies them into the database file, so a plain
// copy of the file misses them; SQLite's copies include them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { migrate } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import { systemClock } from '../../server/clock.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';

const dirs: string[] = [];
const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function siteNames(file: string): string[] {
  const copy = new Database(file, { readonly: true });
  opened.push(copy);
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
  return copy.prepare('SELECT name FROM site ORDER BY id').pluck().all() as string[];
}

describe('backing up a running database', () => {
  test('the online backup and VACUUM INTO copy commits still in the WAL; copying the file alone does not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proofhook-backup-'));
    dirs.push(dir);
    const file = path.join(dir, 'proofhook.db');
    // As the server opens it, without the checkpoint worker, so the new rows stay in the WAL.
    const db = openDatabase(file, { backgroundCheckpoints: false });
    opened.push(db);
    migrate(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('wal_autocheckpoint = 0');
    const storage = createSqliteStorage(db, systemClock);
    await storage.sites.create({ name: 'North Shop', allowedOrigins: [] });
    await storage.sites.create({ name: 'South Shop', allowedOrigins: [] });
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    await db.backup(path.join(dir, 'online-backup.db'));
    const other = new Database(file);
    opened.push(other);
    other.prepare('VACUUM INTO ?').run(path.join(dir, 'vacuum-into.db'));
    fs.copyFileSync(file, path.join(dir, 'plain-copy.db'));

    expect(siteNames(path.join(dir, 'online-backup.db'))).toEqual(['North Shop', 'South Shop']);
    expect(siteNames(path.join(dir, 'vacuum-into.db'))).toEqual(['North Shop', 'South Shop']);
    expect(siteNames(path.join(dir, 'plain-copy.db'))).toEqual([]);
  });
});
