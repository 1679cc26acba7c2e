// WAL checkpoints on a worker thread. SQLite's automatic checkpoint runs inside whichever COMMIT
// pushes the WAL past 1,000 pages: that commit copies ~4 MB into the database file and fsyncs it,
// on the event loop, while webhooks wait for their 200 (measured: two thirds of the commit cost of
// a webhook; docs/benchmarks.md). A second connection on a worker thread checkpoints instead, on
// the other core. PASSIVE mode never blocks the writer; durability is unchanged, since a commit is
// durable once it is in the WAL (journal_mode=WAL, synchronous=NORMAL). The writer keeps its own
// checkpoint at a higher mark as a backstop that bounds the WAL (open-database.ts).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often an idle worker looks at the WAL. */
export const CHECKPOINT_INTERVAL_MS = 200;
/**
 * How soon it looks again after a checkpoint that copied frames: under sustained writes it keeps
 * the WAL nearly all copied, so the writer's backstop checkpoint (open-database.ts), which runs
 * inside a COMMIT on the event loop, finds almost nothing left to copy. Measured with 200 ms
 * between checkpoints, that backstop cost the writer ~15 % of its time per webhook.
 */
export const BUSY_CHECKPOINT_INTERVAL_MS = 20;

// Plain CommonJS evaluated in the worker: no loader, no bundler, same code under tsx and the bundle.
// wal_checkpoint answers { busy, log: frames in the WAL, checkpointed: frames copied }; "copied"
// counts from the start of the WAL and falls when the WAL starts over, so a change means work.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
} catch (error) {
  parentPort.postMessage({ error: 'cannot open ' + workerData.file + ': ' + (error && error.message) });
  process.exit(0);
}
db.pragma('busy_timeout = 100');
db.pragma('wal_autocheckpoint = 0');
let copiedBefore = 0;
let timer;
const checkpoint = () => {
  let busy = false;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    busy = result.checkpointed !== copiedBefore || result.checkpointed < result.log;
    copiedBefore = result.checkpointed;
  } catch (error) {
    if (error.code !== 'SQLITE_BUSY') parentPort.postMessage({ error: String(error) });
  }
  timer = setTimeout(checkpoint, busy ? workerData.busyIntervalMs : workerData.intervalMs);
};
timer = setTimeout(checkpoint, workerData.intervalMs);
parentPort.on('message', () => { clearTimeout(timer); db.close(); process.exit(0); });
parentPort.postMessage({ ready: true });
`;

export interface BackgroundCheckpoints {
  /** True once the worker has its connection open and checkpoints; false if it could not start. */
  ready: Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `file` from a worker thread. `onFailure` is called when the worker cannot
 * open the database or dies; the caller then turns automatic checkpoints back on.
 */
export function startBackgroundCheckpoints(file: string, onFailure: (reason: string) => void): BackgroundCheckpoints {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: CHECKPOINT_INTERVAL_MS,
      busyIntervalMs: BUSY_CHECKPOINT_INTERVAL_MS,
    },
  });
  let stopped = false;
  let failed = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fail = (reason: string) => {
    if (stopped || failed) return;
    failed = true;
    worker.postMessage('stop'); // the caller checkpoints in commits from now on; a worker that exited drops it
    onFailure(reason);
  };
  const ready = new Promise<boolean>((resolve) => {
    worker.on('message', (message: { ready?: boolean; error?: string }) => {
      if (message.error) fail(message.error);
      resolve(message.ready === true);
    });
    worker.on('error', (error: unknown) => {
      // Errors thrown in the worker arrive serialized: a message, not always an Error instance.
      fail((error as { message?: string } | undefined)?.message ?? String(error));
      resolve(false);
    });
    worker.on('exit', (code) => {
      if (code !== 0) fail(`checkpoint worker exited with code ${code}`);
      resolve(false);
    });
  });
  // Never the reason a process stays up (unref after the listeners: adding one refs the port again).
  worker.unref();
  return {
    ready,
    async stop() {
      if (stopped) return;
      stopped = true;
      worker.postMessage('stop'); // a worker that already exited just drops it
      await exited;
    },
  };
}
