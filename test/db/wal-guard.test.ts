// The WAL's hard ceiling (server/db/wal-guard.ts), with the checkpoints that normally keep the WAL
// small switched off, as when the checkpoint worker has fallen behind: the guard alone bounds it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { openDatabase } from '../../server/db/open-database.ts';
import { WAL_GUARD_INTERVAL_MS, startWalGuard } from '../../server/db/wal-guard.ts';

const CEILING = 256 * 1024;
const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function writer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proofhook-walguard-'));
  dirs.push(dir);
  const file = path.join(dir, 'w.db');
  const db = openDatabase(file, { backgroundCheckpoints: false });
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE item (data BLOB)');
  const insert = db.prepare('INSERT INTO item (data) VALUES (?)');
  const batch = db.transaction((n: number) => {
    for (let i = 0; i < 20; i++) insert.run(Buffer.alloc(2000, n + i));
  });
  const walBytes = () => fs.statSync(`${file}-wal`).size;
  /** Writes `batches` transactions, one guard tick after each; returns the largest WAL seen. */
  const write = (batches: number) => {
    let largest = 0;
    for (let n = 0; n < batches; n++) {
      batch(n);
      largest = Math.max(largest, walBytes());
      vi.advanceTimersByTime(WAL_GUARD_INTERVAL_MS);
    }
    return largest;
  };
  return { db, file, write };
}

describe('the WAL ceiling', () => {
  test('past the ceiling the writer checkpoints and starts the WAL over, so it stops growing', () => {
    vi.useFakeTimers();
    const { db, file, write } = writer();
    const stop = startWalGuard(db, `${file}-wal`, CEILING, 100);
    // ~4 MB of pages through the WAL; one batch adds ~50 KB, so one tick late is the most it overshoots.
    const guarded = write(100);
    expect(guarded).toBeGreaterThan(CEILING);
    expect(guarded).toBeLessThan(CEILING + 128 * 1024);
    stop();
    // The same writes with the guard stopped: nothing else checkpoints, and the WAL takes all of them.
    expect(write(100)).toBeGreaterThan(CEILING * 8);
    expect(db.prepare('SELECT count(*) FROM item').pluck().get()).toBe(4000);
    db.close();
  });
});
