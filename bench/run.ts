// `npm run bench`: measures Proofhook against references on this machine, in this run, and writes
// bench/report.md and bench/report.json. Loopback only; every phase is bounded; children die with us.
// Options: --quick (1 round, short runs, 1,000 widgets), --only=startup,widget,ingest,fanout,
// --counts=1000,5000,10000, --broadcasts=<per size and server>, --ack-rate=<webhooks/s for figure 3>, --only=scaled (WORKERS=2 on
// PostgreSQL + Redis, when BENCH_/TEST_DATABASE_URL and _REDIS_URL are set). Method: docs/benchmarks.md.
import fs from 'node:fs';
import path from 'node:path';
import { evaluateTargets } from './lib/analysis.ts';
import { buildServer, ROOT } from './lib/children.ts';
import { type FanoutResult, type FanoutSettings, runFanout } from './lib/fanout.ts';
import { type IngestFormatResult, type IngestSettings, runIngest } from './lib/ingest.ts';
import { readMachine } from './lib/machine.ts';
import { type BenchResult, renderMarkdown } from './lib/report.ts';
import { runScaled, type ScaledResult } from './lib/scaled.ts';
import { measureStartup, measureWidget, type StartupResult, type WidgetSize } from './lib/widget-and-startup.ts';

const PHASES = ['widget', 'startup', 'ingest', 'fanout', 'scaled'] as const;
type Phase = (typeof PHASES)[number];

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = args.includes('--quick');
const only = new Set((option('only')?.split(',') ?? PHASES) as Phase[]);

/** Hard stop for the whole run: a stuck phase must never hold the machine. */
const RUN_LIMIT_MS = (quick ? 5 : 15) * 60_000;
const FD_HEADROOM = 1000;

const ingestSettings: IngestSettings = quick
  ? { rounds: 1, durationS: 3, warmupS: 1, connections: 50 }
  : { rounds: 3, durationS: 5, warmupS: 2, connections: 50 };

const requestedCounts =
  option('counts')
    ?.split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0) ?? (quick ? [1000] : [1000, 5000, 10_000]);

const profilePrefix = path.join(ROOT, 'bench/report.');

const log = (line: string) => process.stderr.write(`${line}\n`);

function fdLimit(): number {
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  const soft = /Max open files\s+(\d+|unlimited)/.exec(limits)?.[1];
  return soft === undefined || soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
}

async function main() {
  const started = performance.now();
  const machine = readMachine();
  const notes: string[] = [];
  const failures: string[] = [];
  log(`proofhook bench (${quick ? 'quick' : 'full'}): ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);

  // Each swarm and each server holds one socket per widget; ulimit -n is per process.
  const maxWidgets = fdLimit() - FD_HEADROOM;
  const counts = requestedCounts.filter((n) => n <= maxWidgets);
  if (counts.length < requestedCounts.length) {
    notes.push(
      `Open-files limit ${fdLimit()} caps the fan-out at ${maxWidgets} widgets per process: skipped ${requestedCounts.filter((n) => n > maxWidgets).join(', ')}. Raise \`ulimit -n\` to measure them.`,
    );
  }
  const fanoutSettings: FanoutSettings = {
    counts,
    // More broadcasts narrow the median: a single 10k broadcast varies by ±25 % on a shared machine.
    broadcasts: Number(option('broadcasts') ?? (quick ? 2 : 3)),
    ackLoad: {
      // One broadcast to 10,000 widgets costs a Socket.IO server ~0.5 s of CPU on this machine:
      // 2/s is the most that can be carried at all; higher rates only measure a growing queue.
      ratePerSecond: Number(option('ack-rate') ?? 2),
      durationS: quick ? 4 : 6,
      rounds: quick ? 1 : 3,
    },
    profilePrefix,
  };

  const phase = async <T>(name: Phase, run: () => Promise<T>): Promise<T | undefined> => {
    if (!only.has(name)) return undefined;
    const t = performance.now();
    log(`${name}…`);
    try {
      return await run();
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    } finally {
      log(`${name} took ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
  };

  log('bundling the server (npm run build:server)');
  buildServer();
  const widget: WidgetSize | undefined = await phase('widget', async () => measureWidget(log));
  const startup: StartupResult | undefined = await phase('startup', () => measureStartup(quick ? 2 : 5));
  const ingest: IngestFormatResult[] = [];
  await phase('ingest', async () => {
    for (const format of ['json', 'form'] as const) ingest.push(await runIngest(format, ingestSettings, log));
  });
  const fanout: FanoutResult | undefined =
    counts.length > 0 ? await phase('fanout', () => runFanout(fanoutSettings, log)) : undefined;

  const scaled: ScaledResult | undefined = await phase('scaled', () =>
    runScaled({ ...ingestSettings, fanoutWidgets: Math.min(1000, ...counts), broadcasts: quick ? 2 : 3 }, log),
  );
  if (scaled && 'skipped' in scaled) notes.push(scaled.skipped);

  log('evaluating targets…');
  const targets = await evaluateTargets({
    ingest,
    ingestSettings,
    fanout,
    widget,
    startup,
    profilePrefix,
    quick,
    log,
  });

  const result: BenchResult = {
    machine,
    mode: quick ? 'quick' : 'full',
    settings: { ingest: ingestSettings, fanout: { ...fanoutSettings, profilePrefix: undefined } },
    durationS: (performance.now() - started) / 1000,
    ingest,
    fanout,
    widget,
    startup,
    scaled,
    targets,
    notes,
    failures,
  };
  fs.writeFileSync(path.join(ROOT, 'bench/report.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(ROOT, 'bench/report.md'), renderMarkdown(result));
  log(`\nwrote bench/report.md and bench/report.json in ${result.durationS.toFixed(0)} s`);
  for (const t of targets)
    log(
      `  ${t.met === undefined ? 'n/a   ' : t.met ? 'met   ' : 'MISSED'} ${t.figure}: ${t.value.toFixed(2)} ${t.unit} (target ${t.target})`,
    );
  if (failures.length) process.exitCode = 1;
}

const limit = setTimeout(() => {
  log(`bench: over the ${RUN_LIMIT_MS / 60_000}-minute limit; stopping`);
  process.exit(2);
}, RUN_LIMIT_MS);
limit.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

main()
  .catch((error) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  })
  .finally(() => {
    clearTimeout(limit);
    // Anything still holding the event loop (a stray socket) must not keep the run alive.
    setTimeout(() => process.exit(), 2000).unref();
  });
