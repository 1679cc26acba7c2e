// Figures 2 and 3: fan-out to N widgets, and webhook acks while broadcasting to the largest N.
// Proofhook and the plain Socket.IO reference each get their own swarm process; both stay
// connected while N grows (1,000 → 5,000 → 10,000), so broadcasts interleave reference/Proofhook.
import fs from 'node:fs';
import { findCpuProfile } from './cpu-profile.ts';
import {
  createStreamNotification,
  makeTempDir,
  readCpuMs,
  readRssBytes,
  type RunningServer,
  sleep,
  startProofhook,
  startReference,
} from './children.ts';
import type { LoadResult } from './load.ts';
import { runPacedLoad } from './paced-load.ts';
import { conversionBody } from './payloads.ts';
import { median, percentileOfSorted } from './stats.ts';
import { type Swarm, startSwarm } from './swarm.ts';

export interface AckLoadSettings {
  ratePerSecond: number;
  durationS: number;
  rounds: number;
}

export interface FanoutSettings {
  counts: number[];
  broadcasts: number;
  ackLoad: AckLoadSettings;
  /** Where the servers' raw .cpuprofile files are copied (bench/report.*, git-ignored). */
  profilePrefix: string;
}

export interface BroadcastResult {
  /** POST → its 200. */
  ackMs: number;
  /** POST → the last widget receiving `conversion:created`. */
  lastMs: number;
  p50Ms: number;
  p99Ms: number;
  received: number;
  missing: number;
  /** CPU the server used from the POST until every widget had the conversion (10 ms ticks). */
  serverCpuMs: number;
}

export interface TargetAtCount {
  connected: number;
  failed: number;
  firstError?: string;
  /** Time to open this step's new connections, and the rate. */
  connectMs: number;
  connectsPerSecond: number;
  /** Server CPU per new connection during this step (handshake, snapshot, anything it triggers). */
  connectServerCpuMs: number;
  /** `visitors:updated` pushes received during this step, per widget connected at its end. */
  visitorsUpdatesPerWidget: number;
  rssIdleBytes: number;
  rssBytes: number;
  rssPerClientBytes: number;
  broadcasts: BroadcastResult[];
  medians: { ackMs: number; lastMs: number; p50Ms: number; p99Ms: number; serverCpuMs: number };
}

export interface FanoutAtCount {
  count: number;
  reference: TargetAtCount;
  proofhook: TargetAtCount;
  /** Median over rounds of Proofhook's POST→last / the reference's, each pair back to back. */
  ratioLast: number;
}

export interface AckUnderFanout {
  count: number;
  settings: AckLoadSettings;
  /** Same load, same server, before any widget connected. */
  baseline: LoadResult;
  rounds: Array<{
    reference: LoadResult;
    proofhook: LoadResult;
    deliveredReference: number;
    deliveredProofhook: number;
  }>;
  medians: { referenceP99Ms: number; proofhookP99Ms: number; proofhookP50Ms: number; referenceP50Ms: number };
  aborted?: string;
}

export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

export interface FanoutResult {
  counts: FanoutAtCount[];
  ack?: AckUnderFanout;
  /** Raw main-thread profiles of both servers, and the windows of the largest fan-out and of figure 3. */
  profiles: { proofhookFile?: string; referenceFile?: string; fanoutWindow?: ProfileWindow; ackWindow?: ProfileWindow };
}

const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
const BROADCAST_TIMEOUT_MS = 60_000;
const SETTLE_AFTER_CONNECT_MS = 2500;
const PAUSE_BETWEEN_BROADCASTS_MS = 300;
const WARMUP_POSTS = 20;
/** The flood watchdog: a server or swarm above this is stopped before it can hurt the machine. */
const MAX_RSS_BYTES = 4 * 1024 ** 3;

interface Target {
  name: 'reference' | 'proofhook';
  server: RunningServer;
  key: string;
  postPath: string;
  swarm: Swarm;
  connected: number;
  rssIdleBytes: number;
}

async function post(url: string, body: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(BROADCAST_TIMEOUT_MS),
  });
  await response.text();
  return response.status;
}

let postSerial = 10_000_000;

async function broadcast(target: Target): Promise<BroadcastResult> {
  const { received } = await target.swarm.arm(BROADCAST_TIMEOUT_MS);
  const cpuBefore = readCpuMs(target.server.pid);
  const start = monotonicMs();
  const status = await post(`${target.server.url}${target.postPath}`, conversionBody('json', ++postSerial));
  const ackMs = monotonicMs() - start;
  if (status !== 200) throw new Error(`${target.name}: broadcast POST answered ${status}`);
  const report = await received;
  const serverCpuMs = readCpuMs(target.server.pid) - cpuBefore;
  const times = Float64Array.from(report.times, (t) => t - start).sort();
  return {
    ackMs,
    lastMs: times.length > 0 ? (times[times.length - 1] as number) : Number.NaN,
    p50Ms: percentileOfSorted(times, 50),
    p99Ms: percentileOfSorted(times, 99),
    received: times.length,
    missing: report.missing,
    serverCpuMs,
  };
}

/** Waits until the swarm's received count stops moving (the server's queued broadcasts are out). */
async function drain(swarm: Swarm, maxMs: number): Promise<number> {
  const deadline = monotonicMs() + maxMs;
  let last = (await swarm.count()).received;
  while (monotonicMs() < deadline) {
    await sleep(1000);
    const now = (await swarm.count()).received;
    if (now === last) return now;
    last = now;
  }
  return last;
}

async function loadWithWatchdog(
  target: Target,
  settings: AckLoadSettings,
): Promise<{ result: LoadResult; aborted?: string }> {
  const controller = new AbortController();
  let aborted: string | undefined;
  const watchdog = setInterval(() => {
    try {
      const server = readRssBytes(target.server.pid);
      const swarm = readRssBytes(target.swarm.child.pid);
      if (server > MAX_RSS_BYTES || swarm > MAX_RSS_BYTES) {
        aborted = `stopped early: ${target.name} server RSS ${(server / 1024 ** 2).toFixed(0)} MiB, swarm ${(swarm / 1024 ** 2).toFixed(0)} MiB`;
        controller.abort();
      }
    } catch {}
  }, 500);
  try {
    const result = await runPacedLoad({
      url: target.server.url,
      path: target.postPath,
      format: 'json',
      durationS: settings.durationS,
      ratePerSecond: settings.ratePerSecond,
      signal: controller.signal,
    });
    return { result, aborted };
  } finally {
    clearInterval(watchdog);
  }
}

interface Step {
  connectMs: number;
  added: number;
  failed: number;
  firstError?: string;
  serverCpuMs: number;
  visitorsUpdates: number;
}

function summarizeTarget(target: Target, step: Step, rssBytes: number, broadcasts: BroadcastResult[]): TargetAtCount {
  return {
    connected: target.connected,
    failed: step.failed,
    firstError: step.firstError,
    connectMs: step.connectMs,
    connectsPerSecond: step.added / (step.connectMs / 1000),
    connectServerCpuMs: step.serverCpuMs / Math.max(1, step.added),
    visitorsUpdatesPerWidget: step.visitorsUpdates / Math.max(1, target.connected),
    rssIdleBytes: target.rssIdleBytes,
    rssBytes,
    rssPerClientBytes: (rssBytes - target.rssIdleBytes) / Math.max(1, target.connected),
    broadcasts,
    medians: {
      ackMs: median(broadcasts.map((b) => b.ackMs)),
      lastMs: median(broadcasts.map((b) => b.lastMs)),
      p50Ms: median(broadcasts.map((b) => b.p50Ms)),
      p99Ms: median(broadcasts.map((b) => b.p99Ms)),
      serverCpuMs: median(broadcasts.map((b) => b.serverCpuMs)),
    },
  };
}

function keepProfile(dir: string, pid: number, destination: string): string | undefined {
  const file = findCpuProfile(dir, pid);
  if (!file) return undefined;
  fs.copyFileSync(file, destination);
  return destination;
}

export async function runFanout(settings: FanoutSettings, log: (line: string) => void): Promise<FanoutResult> {
  const profileDir = makeTempDir('bench-fanout-prof-');
  // Both servers run under the sampling profiler (same flags), so a missed target comes with its profile.
  const profileFlags = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const referenceServer = await startReference('bench/reference-socketio-server.ts', [], profileFlags);
  const proofhookServer = await startProofhook({ extraFlags: profileFlags });
  const { widgetKey, hookPath } = await createStreamNotification(proofhookServer.url);
  const targets: Target[] = [
    {
      name: 'reference',
      server: referenceServer,
      key: 'pk_bench_reference',
      postPath: '/publish',
      swarm: startSwarm('swarm-reference'),
      connected: 0,
      rssIdleBytes: 0,
    },
    {
      name: 'proofhook',
      server: proofhookServer,
      key: widgetKey,
      postPath: hookPath,
      swarm: startSwarm('swarm-proofhook'),
      connected: 0,
      rssIdleBytes: 0,
    },
  ];
  const [reference, proofhook] = targets as [Target, Target];
  const result: FanoutResult = { counts: [], profiles: {} };
  let baseline: LoadResult | undefined;

  try {
    for (const target of targets) {
      for (let i = 0; i < WARMUP_POSTS; i++)
        await post(`${target.server.url}${target.postPath}`, conversionBody('json', ++postSerial));
    }
    log(`  ack baseline: ${settings.ackLoad.ratePerSecond} req/s for ${settings.ackLoad.durationS} s, no widgets`);
    baseline = (await loadWithWatchdog(proofhook, settings.ackLoad)).result;
    await sleep(1000);
    for (const target of targets) target.rssIdleBytes = readRssBytes(target.server.pid);

    const maxCount = Math.max(...settings.counts);
    for (const count of [...settings.counts].sort((x, y) => x - y)) {
      const steps = new Map<Target, Step>();
      for (const target of targets) {
        const added = count - target.connected;
        const cpuBefore = readCpuMs(target.server.pid);
        const visitorsBefore = (await target.swarm.count()).visitorsUpdates;
        const report = await target.swarm.connect(target.server.url, target.key, added);
        const serverCpuMs = readCpuMs(target.server.pid) - cpuBefore;
        target.connected += report.connected;
        steps.set(target, {
          connectMs: report.ms,
          added,
          failed: report.failed,
          firstError: report.firstError,
          serverCpuMs,
          visitorsUpdates: -visitorsBefore,
        });
        log(
          `  fan-out ${target.name}: ${target.connected} connected (${report.failed} failed) in ${(report.ms / 1000).toFixed(1)} s`,
        );
      }
      // Connects schedule a coalesced visitors broadcast (1 s); let it pass before measuring.
      await sleep(SETTLE_AFTER_CONNECT_MS);
      for (const target of targets) {
        const step = steps.get(target) as Step;
        step.visitorsUpdates += (await target.swarm.count()).visitorsUpdates;
      }
      const rss = new Map(targets.map((t) => [t, readRssBytes(t.server.pid)]));
      const broadcasts = new Map<Target, BroadcastResult[]>(targets.map((t) => [t, []]));
      const fromUs = monotonicUs();
      for (let round = 0; round < settings.broadcasts; round++) {
        for (const target of targets) {
          const one = await broadcast(target);
          broadcasts.get(target)?.push(one);
          log(
            `  fan-out ${count} ${target.name} round ${round + 1}: POST→last ${one.lastMs.toFixed(0)} ms, ack ${one.ackMs.toFixed(0)} ms, missing ${one.missing}`,
          );
          await sleep(PAUSE_BETWEEN_BROADCASTS_MS);
        }
      }
      if (count === maxCount) result.profiles.fanoutWindow = { fromUs, toUs: monotonicUs() };
      const summary = (t: Target) =>
        summarizeTarget(t, steps.get(t) as Step, rss.get(t) as number, broadcasts.get(t) as BroadcastResult[]);
      const referenceBroadcasts = broadcasts.get(reference) as BroadcastResult[];
      const proofhookBroadcasts = broadcasts.get(proofhook) as BroadcastResult[];
      result.counts.push({
        count,
        reference: summary(reference),
        proofhook: summary(proofhook),
        ratioLast: median(proofhookBroadcasts.map((b, i) => b.lastMs / (referenceBroadcasts[i]?.lastMs ?? Number.NaN))),
      });
    }

    if (settings.ackLoad.rounds > 0) {
      const ack: AckUnderFanout = {
        count: maxCount,
        settings: settings.ackLoad,
        baseline,
        rounds: [],
        medians: { referenceP99Ms: 0, proofhookP99Ms: 0, proofhookP50Ms: 0, referenceP50Ms: 0 },
      };
      const fromUs = monotonicUs();
      for (let round = 0; round < settings.ackLoad.rounds && !ack.aborted; round++) {
        const runs = new Map<Target, { result: LoadResult; delivered: number }>();
        for (const target of targets) {
          const before = (await target.swarm.count()).received;
          const { result: load, aborted } = await loadWithWatchdog(target, settings.ackLoad);
          const delivered = (await drain(target.swarm, 60_000)) - before;
          runs.set(target, { result: load, delivered });
          log(
            `  ack under fan-out ${target.name} round ${round + 1}: p50 ${load.p50Ms.toFixed(1)} ms, p99 ${load.p99Ms.toFixed(1)} ms, ${load.ok} acks, ${delivered} widget deliveries`,
          );
          if (aborted) {
            ack.aborted = aborted;
            break;
          }
        }
        const r = runs.get(reference);
        const p = runs.get(proofhook);
        if (r && p)
          ack.rounds.push({
            reference: r.result,
            proofhook: p.result,
            deliveredReference: r.delivered,
            deliveredProofhook: p.delivered,
          });
      }
      result.profiles.ackWindow = { fromUs, toUs: monotonicUs() };
      ack.medians = {
        referenceP99Ms: median(ack.rounds.map((r) => r.reference.p99Ms)),
        proofhookP99Ms: median(ack.rounds.map((r) => r.proofhook.p99Ms)),
        referenceP50Ms: median(ack.rounds.map((r) => r.reference.p50Ms)),
        proofhookP50Ms: median(ack.rounds.map((r) => r.proofhook.p50Ms)),
      };
      result.ack = ack;
    }
  } finally {
    await Promise.all(targets.map((t) => t.swarm.close()));
    await Promise.all([referenceServer.stop(30_000), proofhookServer.stop(30_000)]);
  }

  result.profiles.proofhookFile = keepProfile(
    profileDir,
    proofhookServer.pid,
    `${settings.profilePrefix}fanout-proofhook.cpuprofile`,
  );
  result.profiles.referenceFile = keepProfile(
    profileDir,
    referenceServer.pid,
    `${settings.profilePrefix}fanout-reference.cpuprofile`,
  );
  return result;
}
