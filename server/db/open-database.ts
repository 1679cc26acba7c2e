// Opens the embedded SQLite database with the pragmas Proofhook relies on.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BackgroundCheckpoints, startBackgroundCheckpoints } from './background-checkpoints.ts';
import { startWalGuard } from './wal-guard.ts';

export type SqliteDatabase = Database.Database;

export const BUSY_TIMEOUT_MS = 2000;

export interface OpenDatabaseOptions {
  /** Checkpoint the WAL from a worker thread instead of inside commits (default: on for files). */
  backgroundCheckpoints?: boolean;
  /** When the checkpoint worker starts (default CHECKPOINT_WORKER_DELAY_MS after opening). */
  checkpointWorkerDelayMs?: number;
}

/** SQLite's own default, restored when the checkpoint worker fails. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * With the worker running, the writer still checkpoints once the WAL passes this many pages
 * (~16 MB). A checkpoint from another connection never catches up with a writer that does not
 * pause, and SQLite starts the WAL over from its beginning only once every frame has been copied:
 * with the writer's own checkpoint off, sustained webhooks grew the WAL without bound (280 MB in
 * 7 s of load, measured). The writer's checkpoint copies only the frames the worker has not yet
 * copied (while writes go on, the worker looks every 20 ms: at most a few milliseconds of them), and
 * the next commit then restarts the WAL.
 */
export const BACKSTOP_CHECKPOINT_PAGES = 4000;

/** Past this many pages of WAL the writer stops and checkpoints in full (wal-guard.ts). */
export const WAL_CEILING_PAGES = BACKSTOP_CHECKPOINT_PAGES * 2;

/** `file` may be ':memory:' for tests. The directory is created when missing. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL lets widget reads and admin queries run while the webhook route writes.
  // https://www.sqlite.org/wal.html
  db.pragma('journal_mode = WAL');
  // SQLite leaves foreign keys off by default for backwards compatibility.
  db.pragma('foreign_keys = ON');
  // Wait for a lock instead of failing at once when another connection (a backup, the CLI) writes,
  // but well inside the 5 s a store platform gives a webhook before it retries, so a stuck lock becomes our 503.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // In WAL mode NORMAL is durable across process crashes (kill -9); only an OS crash or power
  // loss can roll back the last transactions. https://www.sqlite.org/pragma.html#pragma_synchronous
  db.pragma('synchronous = NORMAL');
  if (file !== ':memory:' && (options.backgroundCheckpoints ?? true))
    moveCheckpointsToWorker(db, file, options.checkpointWorkerDelayMs ?? CHECKPOINT_WORKER_DELAY_MS);
  return db;
}

/**
 * Starting a worker thread costs the event loop ~0.1 s on a 2-core machine, so it starts once the
 * process is up; until the worker is ready, SQLite checkpoints inside commits as usual.
 */
export const CHECKPOINT_WORKER_DELAY_MS = 2000;

function moveCheckpointsToWorker(db: SqliteDatabase, file: string, delayMs: number): void {
  let checkpoints: BackgroundCheckpoints | undefined;
  const start = setTimeout(() => {
    checkpoints = startBackgroundCheckpoints(file, (reason) => {
      // Without checkpoints the WAL grows for ever: back to checkpointing inside commits.
      if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      process.emitWarning(`SQLite checkpoint worker failed (${reason}); checkpointing in commits instead`);
    });
    checkpoints.ready.then((ready) => {
      if (!ready || !db.open || stopped) return;
      db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      stopGuard = startWalGuard(db, `${file}-wal`, WAL_CEILING_PAGES * pageSize, BUSY_TIMEOUT_MS);
    });
  }, delayMs);
  start.unref();
  let stopped = false;
  let stopGuard = () => {};
  const stop = async () => {
    stopped = true;
    clearTimeout(start);
    stopGuard();
    await checkpoints?.stop();
  };
  checkpointWorkers.set(db, stop);
  const close = db.close.bind(db);
  // The worker belongs to this connection: closing one stops the other. Synchronous callers cannot
  // wait for the worker's connection to close first; closeDatabase() does.
  db.close = () => {
    void stop();
    return close();
  };
}

// Which open database has a checkpoint worker, so closeDatabase can stop it first. Keyed weakly by
// the connection object: nothing outlives the database it belongs to.
const checkpointWorkers = new WeakMap<SqliteDatabase, () => Promise<void>>();

/**
 * Closes the database after its checkpoint worker has closed its own connection, so this one is
 * the last: SQLite then checkpoints the whole WAL into the database file and removes it, and the
 * file alone is a complete copy once the process has stopped.
 */
export async function closeDatabase(db: SqliteDatabase): Promise<void> {
  await checkpointWorkers.get(db)?.();
  db.close();
}
