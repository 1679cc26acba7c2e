// Figure 1: ingest throughput and latency. Interleaved rounds against (a) the bare node:http
// reference, (b) Proofhook's real webhook route with durable storage, (c) for JSON the bare
// reference plus one SQLite insert per request, and (d) Proofhook with everything but the database
// write: the "ladder" rungs between (a) and (b), which say whether a missed target lies in the write.
import fs from 'node:fs';
import { findCpuProfile } from './cpu-profile.ts';
import {
  createStreamNotification,
  makeTempDir,
  readCpuMs,
  type RunningServer,
  sleep,
  startProofhook,
  startReference,
} from './children.ts';
import { type LoadResult, runLoad } from './load.ts';
import type { BodyFormat } from './payloads.ts';
import { median } from './stats.ts';

export interface IngestSettings {
  rounds: number;
  durationS: number;
  warmupS: number;
  connections: number;
}

export type IngestTarget = 'a' | 'b' | 'c' | 'd';

export interface IngestSummary {
  okPerSecond: number;
  /** Server CPU (user + system, all threads) per 2xx answer, µs: what one ack costs the server. */
  serverCpuUsPerAck: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  outcomes: Record<string, number>;
}

export interface IngestFormatResult {
  format: BodyFormat;
  rounds: Array<Partial<Record<IngestTarget, IngestRun>>>;
  /** Medians over rounds, per target. */
  medians: Partial<Record<IngestTarget, IngestSummary>>;
  /** Median over rounds of b/a, each round's pair run back to back. */
  ratioBA: number;
  ratioCA?: number;
  /** Median over rounds of d/a: Proofhook's ack without its write, against the bare reference. */
  ratioDA: number;
}

const SETTLE_MS = 500;

export interface IngestRun extends LoadResult {
  serverCpuUsPerAck: number;
}

function summarize(results: IngestRun[]): IngestSummary {
  const outcomes: Record<string, number> = {};
  for (const result of results)
    for (const [name, count] of Object.entries(result.outcomes)) outcomes[name] = (outcomes[name] ?? 0) + count;
  return {
    okPerSecond: median(results.map((r) => r.okPerSecond)),
    serverCpuUsPerAck: median(results.map((r) => r.serverCpuUsPerAck)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    outcomes,
  };
}

export async function runIngest(
  format: BodyFormat,
  settings: IngestSettings,
  log: (line: string) => void,
): Promise<IngestFormatResult> {
  const withLadder = format === 'json';
  const a = await startReference('bench/reference-http-server.ts');
  const c = withLadder
    ? await startReference('bench/reference-http-server.ts', ['--sqlite', `${makeTempDir('bench-ladder-')}/ladder.db`])
    : undefined;
  const b = await startProofhook();
  const d = await startReference('bench/proofhook-without-writes.ts');
  const { hookPath } = await createStreamNotification(b.url);
  const { hookPath: hookPathD } = await createStreamNotification(d.url);
  const targets: Array<[IngestTarget, RunningServer, string]> = [
    ['a', a, '/'],
    ['b', b, hookPath],
  ];
  if (c) targets.push(['c', c, '/']);
  targets.push(['d', d, hookPathD]);
  const load = (server: RunningServer, path: string, durationS: number) =>
    runLoad({ url: server.url, path, format, connections: settings.connections, durationS });

  try {
    for (const [, server, path] of targets) await load(server, path, settings.warmupS);
    const rounds: IngestFormatResult['rounds'] = [];
    for (let round = 0; round < settings.rounds; round++) {
      const results: Partial<Record<IngestTarget, IngestRun>> = {};
      for (const [name, server, path] of targets) {
        await sleep(SETTLE_MS);
        const cpuBefore = readCpuMs(server.pid);
        const loaded = await load(server, path, settings.durationS);
        const result = {
          ...loaded,
          serverCpuUsPerAck: (1000 * (readCpuMs(server.pid) - cpuBefore)) / Math.max(1, loaded.ok),
        };
        results[name] = result;
        log(
          `  ingest ${format} round ${round + 1} ${name}: ${Math.round(result.okPerSecond)} req/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, server CPU ${Math.round(result.serverCpuUsPerAck)} µs/ack`,
        );
      }
      rounds.push(results);
    }
    const pick = (name: IngestTarget) => rounds.map((r) => r[name]).filter((r): r is IngestRun => r !== undefined);
    const ratio = (top: IngestTarget) =>
      median(rounds.map((r) => (r[top]?.okPerSecond ?? Number.NaN) / (r.a?.okPerSecond ?? Number.NaN)));
    return {
      format,
      rounds,
      medians: {
        a: summarize(pick('a')),
        b: summarize(pick('b')),
        ...(withLadder ? { c: summarize(pick('c')) } : {}),
        d: summarize(pick('d')),
      },
      ratioBA: ratio('b'),
      ...(withLadder ? { ratioCA: ratio('c') } : {}),
      ratioDA: ratio('d'),
    };
  } finally {
    await Promise.all([a.stop(), b.stop(), c?.stop(), d.stop()]);
  }
}

/**
 * A separate, profiled run of the real route (the measured rounds run without the profiler).
 * Returns the main thread's profile, copied to `profilePath`, and the loaded window.
 */
export async function profileIngest(
  format: BodyFormat,
  settings: IngestSettings,
  profilePath: string,
): Promise<{ file: string; window: { fromUs: number; toUs: number } } | undefined> {
  const dir = makeTempDir('bench-ingest-prof-');
  const server = await startProofhook({ extraFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  let window: { fromUs: number; toUs: number } | undefined;
  try {
    const { hookPath } = await createStreamNotification(server.url);
    const run = (durationS: number) =>
      runLoad({ url: server.url, path: hookPath, format, connections: settings.connections, durationS });
    await run(settings.warmupS);
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    await run(settings.durationS);
    window = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
  } finally {
    await server.stop();
  }
  const file = findCpuProfile(dir, server.pid);
  if (!file || !window) return undefined;
  fs.copyFileSync(file, profilePath);
  return { file: profilePath, window };
}
