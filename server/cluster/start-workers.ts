// WORKERS=N: this process becomes the primary and runs N full Proofhook processes (node:cluster).
// Every worker opens its own PostgreSQL pool and Redis connections and listens on the same port; the
// primary hands out incoming connections round-robin. A widget's WebSocket stays on the worker that
// accepted it, so no sticky sessions are needed (the widget never falls back to HTTP long-polling).
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import type { Logger } from 'pino';

/** A worker that keeps crashing is restarted less and less often, up to this. */
const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that ran this long before exiting counts as healthy again. */
const STABLE_AFTER_MS = 60_000;

export function workerCount(workers: number | 'auto'): number {
  return workers === 'auto' ? os.availableParallelism() : workers;
}

export interface WorkerPoolOptions {
  count: number;
  /** Extra environment for every worker (e.g. the admin token the primary generated). */
  env: Record<string, string>;
  logger: Logger;
  graceMs: number;
}

export function startWorkers(options: WorkerPoolOptions) {
  const { count, logger } = options;
  const byIndex = new Map<number, { worker: Worker; startedAt: number; crashes: number }>();
  let stopping = false;

  function fork(index: number, crashes: number) {
    const worker = cluster.fork({ ...options.env, PROOFHOOK_WORKER_INDEX: String(index) });
    byIndex.set(index, { worker, startedAt: Date.now(), crashes });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      const entry = byIndex.get(index);
      const ranLong = entry ? Date.now() - entry.startedAt > STABLE_AFTER_MS : false;
      const nextCrashes = ranLong ? 0 : (entry?.crashes ?? 0) + 1;
      const delay = Math.min(500 * 2 ** nextCrashes, MAX_RESTART_DELAY_MS);
      logger.error({ worker: index, code, signal, restartInMs: delay }, 'worker exited; starting a new one');
      setTimeout(() => {
        if (!stopping) fork(index, nextCrashes);
      }, delay).unref();
    });
  }

  for (let index = 0; index < count; index += 1) fork(index, 0);
  logger.info({ workers: count }, 'started workers');

  function stop(signal: NodeJS.Signals) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping workers');
    const exits = [...byIndex.values()].map(
      ({ worker }) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) resolve();
          else worker.once('exit', () => resolve());
          // Each worker finishes its in-flight webhooks and closes its pools on SIGTERM.
          worker.process.kill('SIGTERM');
        }),
    );
    setTimeout(() => {
      logger.warn('workers did not stop within the grace period; exiting');
      process.exit(1);
    }, options.graceMs).unref();
    Promise.all(exits).then(() => process.exit(0));
  }
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
