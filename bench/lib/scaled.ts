// The scaled-out run: Proofhook with WORKERS=2 on PostgreSQL + Redis beside the single-node SQLite
// default, same load, interleaved rounds. Also one process on PostgreSQL + Redis, so the report
// separates what the database costs from what the second worker gains; and a small fan-out through
// the Redis Streams adapter, with widgets spread over both workers.
// Runs only when BENCH_DATABASE_URL (or TEST_DATABASE_URL) and BENCH_REDIS_URL (or TEST_REDIS_URL)
// are set; each run uses a fresh schema and Redis prefix, both removed afterwards.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { createStreamNotification, readCpuMs, type RunningServer, sleep, startProofhook } from './children.ts';
import type { IngestSettings } from './ingest.ts';
import { runLoad } from './load.ts';
import { conversionBody } from './payloads.ts';
import { median, percentileOfSorted } from './stats.ts';
import { startSwarm } from './swarm.ts';

export type ScaledTarget = 'sqlite1' | 'postgres1' | 'postgres2';

export const SCALED_LABELS: Record<ScaledTarget, string> = {
  sqlite1: '1 process, SQLite (the default)',
  postgres1: '1 process, PostgreSQL + Redis',
  postgres2: 'WORKERS=2, PostgreSQL + Redis',
};

export interface ScaledIngest {
  okPerSecond: number;
  /** CPU of the Proofhook processes (primary and workers) per 2xx answer; PostgreSQL's and Redis's own CPU not included. */
  cpuUsPerAck: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface ScaledFanout {
  widgets: number;
  /** Open sockets per worker after the connect (its widgets plus a few pool connections): the primary's round-robin share. */
  socketsPerWorker: number[];
  lastMs: number[];
  p50Ms: number[];
  missing: number;
}

export type ScaledResult =
  | { skipped: string }
  | {
      rounds: number;
      ingest: Record<ScaledTarget, ScaledIngest>;
      /** postgres2 / sqlite1 and postgres2 / postgres1 acks per second, medians of per-round ratios. */
      ratioToSqlite: number;
      ratioToOneWorker: number;
      fanout?: ScaledFanout;
      fanoutError?: string;
    };

const SETTLE_MS = 500;
const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Pids of a process and its children (the cluster workers), from /proc. */
function processTree(pid: number): number[] {
  const pids = [pid];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    }
  } catch {}
  return pids;
}

const treeCpuMs = (pid: number) =>
  processTree(pid).reduce((sum, each) => {
    try {
      return sum + readCpuMs(each);
    } catch {
      return sum; // a worker that exited meanwhile
    }
  }, 0);

export async function runScaled(
  settings: IngestSettings & { fanoutWidgets: number; broadcasts: number },
  log: (line: string) => void,
): Promise<ScaledResult> {
  const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL || process.env.TEST_REDIS_URL;
  if (!databaseUrl || !redisUrl) {
    return {
      skipped:
        'The 2-worker PostgreSQL + Redis run was skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) and BENCH_REDIS_URL (or TEST_REDIS_URL).',
    };
  }
  const run = randomBytes(4).toString('hex');
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const schemas: string[] = [];
  const freshDatabase = async (name: string) => {
    const schema = `proofhook_bench_${run}_${name}`;
    await admin.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
    schemas.push(schema);
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  };
  const servers: RunningServer[] = [];
  try {
    const scaled = (workers: string, name: string) => async () =>
      startProofhook({
        env: {
          WORKERS: workers,
          DATABASE_URL: await freshDatabase(name),
          REDIS_URL: redisUrl,
          REDIS_PREFIX: `proofhook_bench_${run}_${name}`,
        },
      });
    const targets: Array<[ScaledTarget, RunningServer, string]> = [];
    for (const [name, start] of [
      ['sqlite1', () => startProofhook()],
      ['postgres1', scaled('1', 'one')],
      ['postgres2', scaled('2', 'two')],
    ] as Array<[ScaledTarget, () => Promise<RunningServer>]>) {
      const server = await start();
      servers.push(server);
      targets.push([name, server, (await createStreamNotification(server.url)).hookPath]);
    }
    const load = (server: RunningServer, path: string, durationS: number) =>
      runLoad({ url: server.url, path, format: 'json', connections: settings.connections, durationS });
    // The warm-up also lets the second worker start listening before anything is measured.
    for (const [, server, path] of targets) await load(server, path, settings.warmupS);

    const rounds: Array<Record<ScaledTarget, ScaledIngest>> = [];
    for (let round = 0; round < settings.rounds; round++) {
      const results = {} as Record<ScaledTarget, ScaledIngest>;
      for (const [name, server, path] of targets) {
        await sleep(SETTLE_MS);
        const cpuBefore = treeCpuMs(server.pid);
        const loaded = await load(server, path, settings.durationS);
        results[name] = {
          okPerSecond: loaded.okPerSecond,
          cpuUsPerAck: (1000 * (treeCpuMs(server.pid) - cpuBefore)) / Math.max(1, loaded.ok),
          p50Ms: loaded.p50Ms,
          p99Ms: loaded.p99Ms,
          non2xx: loaded.non2xx,
          errors: loaded.errors + loaded.timeouts,
        };
        log(
          `  scaled ingest round ${round + 1} ${name}: ${Math.round(loaded.okPerSecond)} req/s, p50 ${loaded.p50Ms.toFixed(1)} ms, p99 ${loaded.p99Ms.toFixed(1)} ms`,
        );
      }
      rounds.push(results);
    }
    const summary = (name: ScaledTarget): ScaledIngest => {
      const all = rounds.map((r) => r[name]);
      return {
        okPerSecond: median(all.map((r) => r.okPerSecond)),
        cpuUsPerAck: median(all.map((r) => r.cpuUsPerAck)),
        p50Ms: median(all.map((r) => r.p50Ms)),
        p99Ms: median(all.map((r) => r.p99Ms)),
        non2xx: all.reduce((sum, r) => sum + r.non2xx, 0),
        errors: all.reduce((sum, r) => sum + r.errors, 0),
      };
    };
    const ratio = (top: ScaledTarget, bottom: ScaledTarget) =>
      median(rounds.map((r) => r[top].okPerSecond / r[bottom].okPerSecond));

    let fanout: ScaledFanout | undefined;
    let fanoutError: string | undefined;
    const two = targets.find(([name]) => name === 'postgres2');
    if (two) {
      try {
        fanout = await measureFanout(two[1], settings, log);
      } catch (error) {
        fanoutError = error instanceof Error ? error.message.split('\n')[0] : String(error);
      }
    }
    return {
      rounds: settings.rounds,
      ingest: { sqlite1: summary('sqlite1'), postgres1: summary('postgres1'), postgres2: summary('postgres2') },
      ratioToSqlite: ratio('postgres2', 'sqlite1'),
      ratioToOneWorker: ratio('postgres2', 'postgres1'),
      fanout,
      fanoutError,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    for (const schema of schemas) {
      await admin.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`).catch(() => {});
    }
    await admin.end();
  }
}

/** Widgets on both workers, a webhook to the cluster: POST → last widget, through Redis. */
async function measureFanout(
  server: RunningServer,
  settings: { fanoutWidgets: number; broadcasts: number },
  log: (line: string) => void,
): Promise<ScaledFanout> {
  const { widgetKey, hookPath } = await createStreamNotification(server.url);
  const swarm = startSwarm('swarm-scaled');
  try {
    const connected = await swarm.connect(server.url, widgetKey, settings.fanoutWidgets);
    if (connected.connected < settings.fanoutWidgets) {
      throw new Error(`only ${connected.connected} of ${settings.fanoutWidgets} widgets connected`);
    }
    const socketsPerWorker = await countWorkerSockets(server);
    await sleep(2500);
    const lastMs: number[] = [];
    const p50Ms: number[] = [];
    let missing = 0;
    for (let i = 0; i < settings.broadcasts; i++) {
      const { received } = await swarm.arm(60_000);
      const start = monotonicMs();
      const response = await fetch(`${server.url}${hookPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: conversionBody('json', 90_000_000 + i),
        signal: AbortSignal.timeout(60_000),
      });
      await response.text();
      if (response.status !== 200) throw new Error(`broadcast POST answered ${response.status}`);
      const report = await received;
      const times = Float64Array.from(report.times, (t) => t - start).sort();
      lastMs.push(times.length ? (times[times.length - 1] as number) : Number.NaN);
      p50Ms.push(percentileOfSorted(times, 50));
      missing += report.missing;
      log(
        `  scaled fan-out ${settings.fanoutWidgets} widgets, broadcast ${i + 1}: last after ${lastMs.at(-1)?.toFixed(0)} ms`,
      );
      await sleep(300);
    }
    return { widgets: settings.fanoutWidgets, socketsPerWorker, lastMs, p50Ms, missing };
  } finally {
    await swarm.close();
  }
}

/** Open sockets of each worker, from its /proc fd links. */
async function countWorkerSockets(server: RunningServer): Promise<number[]> {
  const workers = processTree(server.pid).slice(1);
  return workers.map((pid) => {
    try {
      return fs.readdirSync(`/proc/${pid}/fd`).filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
        } catch {
          return false;
        }
      }).length;
    } catch {
      return 0;
    }
  });
}
