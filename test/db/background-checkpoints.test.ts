import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { startBackgroundCheckpoints } from '../../server/db/background-checkpoints.ts';
import {
  BACKSTOP_CHECKPOINT_PAGES,
  type SqliteDatabase,
  closeDatabase,
  openDatabase,
} from '../../server/db/open-database.ts';

const dirs: string[] = [];
const databases: SqliteDatabase[] = [];
function tempFile(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proofhook-ckpt-'));
  dirs.push(dir);
  return path.join(dir, name);
}

function until(check: () => boolean, timeoutMs = 10_000) {
  return vi.waitFor(
    () => {
      if (!check()) throw new Error('condition not met in time');
    },
    { timeout: timeoutMs, interval: 25 },
  );
}

afterEach(() => {
  for (const db of databases.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('WAL checkpoints on a worker thread', () => {
  test('commits leave the WAL alone, and the worker moves the pages into the database file', async () => {
    const file = tempFile('p.db');
    const db = openDatabase(file, { checkpointWorkerDelayMs: 0 });
    databases.push(db);
    // Until the worker is ready SQLite checkpoints in commits; then the writer's own automatic
    // checkpoint waits for a WAL four times as long, and below that only the worker can grow the
    // main file.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === BACKSTOP_CHECKPOINT_PAGES);
    db.exec('CREATE TABLE blob (data BLOB)');
    const before = fs.statSync(file).size;
    const insert = db.prepare('INSERT INTO blob (data) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(Buffer.alloc(4000, i));
    })();
    await until(() => fs.statSync(file).size > before + 1_000_000);
    expect(db.prepare('SELECT count(*) FROM blob').pluck().get()).toBe(500);
  });

  test('writes that never pause still leave a WAL of bounded size', async () => {
    const file = tempFile('s.db');
    const db = openDatabase(file, { checkpointWorkerDelayMs: 0 });
    databases.push(db);
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === BACKSTOP_CHECKPOINT_PAGES);
    db.exec('CREATE TABLE item (data BLOB)');
    const insert = db.prepare('INSERT INTO item (data) VALUES (?)');
    const batch = db.transaction((n: number) => {
      for (let i = 0; i < 20; i++) insert.run(Buffer.alloc(2000, n + i));
    });
    // Like group-committed webhooks under sustained load: a transaction every turn of the event
    // loop, never a pause long enough for the worker's checkpoint to catch up. ~180 MB of pages
    // through the WAL: without the backstop the WAL grows by all of it.
    const walLimit = BACKSTOP_CHECKPOINT_PAGES * 4096 * 3;
    let largestWal = 0;
    for (let n = 0; n < 4000; n++) {
      batch(n);
      if (n % 50 === 0) largestWal = Math.max(largestWal, fs.statSync(`${file}-wal`).size);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(db.prepare('SELECT count(*) FROM item').pluck().get()).toBe(80_000);
    expect(largestWal).toBeGreaterThan(0);
    expect(largestWal).toBeLessThan(walLimit);
  });

  test('a database opened without it keeps SQLite checkpointing inside commits', () => {
    const db = openDatabase(tempFile('q.db'), { backgroundCheckpoints: false });
    databases.push(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  test('a worker that cannot open the database reports it, so the caller can fall back', async () => {
    const reasons: string[] = [];
    const checkpoints = startBackgroundCheckpoints(tempFile('missing.db'), (reason) => reasons.push(reason));
    expect(await checkpoints.ready).toBe(false);
    await until(() => reasons.length > 0);
    expect(reasons[0]).toMatch(/missing\.db|unable to open|does not exist/i);
    await checkpoints.stop();
  });

  test('closeDatabase stops the worker first, so the WAL is folded into the file and removed', async () => {
    const file = tempFile('r.db');
    const db = openDatabase(file, { checkpointWorkerDelayMs: 0 });
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === BACKSTOP_CHECKPOINT_PAGES); // the worker runs
    db.exec('CREATE TABLE item (n INTEGER)');
    const insert = db.prepare('INSERT INTO item (n) VALUES (?)');
    for (let i = 0; i < 100; i++) insert.run(i);
    await closeDatabase(db);
    // The last connection to close checkpoints and deletes the WAL: the file alone is complete.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const again = openDatabase(file, { backgroundCheckpoints: false });
    databases.push(again);
    expect(again.prepare('SELECT count(*) FROM item').pluck().get()).toBe(100);
  });
});
