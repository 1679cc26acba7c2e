// WORKERS=N: this process becomes the supervisor (node:cluster) and runs N full Proofhook processes.
// Every worker opens its own PostgreSQL pool and Redis connections and listens on the same port; the
// supervisor hands out incoming connections round-robin. A widget's WebSocket stays on the worker that
// accepted it, so no sticky sessions are needed (the widget never falls back to HTTP long-polling).
//
// While it is asked to run, the supervisor never exits: a worker that exits is started again after a
// wait that grows while it keeps failing (restart-backoff.ts), even when every worker is down at once
// (PostgreSQL unreachable at start, say). SIGTERM or SIGINT is the only way out: no more restarts,
// SIGTERM to every worker, and exit 0 once all of them have stopped cleanly within the grace period.
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import type { Logger } from 'pino';
import { nextQuickExits, restartDelay } from './restart-backoff.ts';

export function workerCount(workers: number | 'auto'): number {
  return workers === 'auto' ? os.availableParallelism() : workers;
}

export interface WorkerPoolOptions {
  count: number;
  /** Extra environment for every worker (e.g. the admin token the supervisor generated). */
  env: Record<string, string>;
  logger: Logger;
  /** How long stopping workers get before they are killed and the supervisor exits 1. */
  graceMs: number;
}

/** One worker position (its PROOFHOOK_WORKER_INDEX): the process filling it now, or the restart pending. */
interface Slot {
  worker?: Worker;
  startedAt: number;
  quickExitsInARow: number;
  restartTimer?: NodeJS.Timeout;
}

/** A worker that exited on its own with code 0, or was ended by a stop signal, stopped cleanly. */
function stoppedCleanly(code: number | null, signal: string | null): boolean {
  return code === 0 || signal === 'SIGTERM' || signal === 'SIGINT';
}

export function startWorkers(options: WorkerPoolOptions) {
  const { count, logger } = options;
  const slots = new Map<number, Slot>();
  let stopping = false;
  let uncleanStops = 0;

  function fork(index: number) {
    const slot = slots.get(index) ?? { startedAt: 0, quickExitsInARow: 0 };
    slots.set(index, slot);
    slot.restartTimer = undefined;
    const worker = cluster.fork({ ...options.env, PROOFHOOK_WORKER_INDEX: String(index) });
    slot.worker = worker;
    slot.startedAt = Date.now();
    logger.info({ worker: index, workerPid: worker.process.pid }, 'worker started');
    worker.on('exit', (code, signal) => onExit(index, worker, code, signal));
  }

  function onExit(index: number, worker: Worker, code: number | null, signal: string | null) {
    const slot = slots.get(index) as Slot;
    if (slot.worker === worker) slot.worker = undefined;
    if (stopping) {
      if (!stoppedCleanly(code, signal)) uncleanStops += 1;
      logger.info({ worker: index, workerPid: worker.process.pid, code, signal }, 'worker stopped');
      exitWhenAllStopped();
      return;
    }
    slot.quickExitsInARow = nextQuickExits(slot.quickExitsInARow, Date.now() - slot.startedAt);
    const delay = restartDelay(slot.quickExitsInARow);
    logger.error(
      { worker: index, workerPid: worker.process.pid, code, signal, restartInMs: delay },
      'worker exited; starting a new one',
    );
    // Deliberately not unref'd: when every worker is down, this timer is what keeps the supervisor
    // running (an idle event loop would otherwise end the process with exit code 0).
    slot.restartTimer = setTimeout(() => fork(index), delay);
  }

  function exitWhenAllStopped() {
    if ([...slots.values()].some((slot) => slot.worker)) return;
    logger.info({ uncleanStops }, 'all workers stopped');
    process.exit(uncleanStops === 0 ? 0 : 1);
  }

  function stop(signal: NodeJS.Signals) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping workers');
    for (const slot of slots.values()) clearTimeout(slot.restartTimer);
    const running = [...slots.values()].flatMap((slot) => (slot.worker ? [slot.worker] : []));
    // Each worker stops accepting, answers the requests it is serving and closes its pools on SIGTERM.
    for (const worker of running) worker.process.kill('SIGTERM');
    setTimeout(() => {
      logger.warn('workers did not stop within the grace period; killing them');
      for (const worker of running) if (!worker.isDead()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, options.graceMs).unref();
    exitWhenAllStopped();
  }

  for (let index = 0; index < count; index += 1) fork(index);
  logger.info({ workers: count }, 'started workers');
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
