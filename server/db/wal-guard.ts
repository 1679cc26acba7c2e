// The WAL's hard ceiling. The writer's backstop checkpoint (open-database.ts) is PASSIVE: while the
// checkpoint worker holds the checkpoint lock, the writer's attempt is skipped, and on a loaded
// machine the worker can hold it for long (its fsync waits on a busy disk) while the writer keeps
// appending: the WAL grew past 70 MB in a test whose writes never paused. Past the ceiling the
// writer therefore waits for the worker and runs a RESTART checkpoint itself, which copies the rest
// and makes the next commit write the WAL from its start again, so the file stops growing. A
// checkpoint lock is never waited for by SQLite's busy handler (it answers busy at once), hence the
// short waits here, bounded by busy_timeout. The event loop stalls only when the cheap path has
// fallen behind: back-pressure instead of a disk that fills.
// https://www.sqlite.org/c3ref/wal_checkpoint_v2.html
import fs from 'node:fs';
import type Database from 'better-sqlite3';

/** How often the WAL's size is looked at: one stat call, so cheap; short enough to bound the overshoot. */
export const WAL_GUARD_INTERVAL_MS = 100;

const RETRY_MS = 5;

interface CheckpointResult {
  busy: number;
}

/** Checks `walFile` every interval and checkpoints with RESTART when it is over `ceilingBytes`; returns stop. */
export function startWalGuard(
  db: Database.Database,
  walFile: string,
  ceilingBytes: number,
  maxWaitMs: number,
): () => void {
  // Blocks this thread between tries without spinning: the guard must finish before the next write.
  const never = new Int32Array(new SharedArrayBuffer(4));
  const pause = (ms: number) => Atomics.wait(never, 0, 0, ms);
  const timer = setInterval(() => {
    if (!db.open || db.inTransaction) return;
    const size = fs.statSync(walFile, { throwIfNoEntry: false })?.size ?? 0;
    if (size <= ceilingBytes) return;
    for (let waited = 0; waited <= maxWaitMs; waited += RETRY_MS) {
      const [result] = db.pragma('wal_checkpoint(RESTART)') as CheckpointResult[];
      if (result?.busy === 0) return;
      pause(RETRY_MS);
    }
    // Still busy: the next tick tries again.
  }, WAL_GUARD_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
