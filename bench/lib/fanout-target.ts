// One side of the fan-out comparison (Proofhook or the plain Socket.IO reference): its server, its
// swarm of widgets, and the measurements taken on it (one broadcast, a paced webhook load, a summary).
import { readCpuMs, readRssBytes, type RunningServer, sleep } from './children.ts';
import type { AckLoadSettings, BroadcastResult, TargetAtCount } from './fanout-results.ts';
import type { LoadResult } from './load.ts';
import { runPacedLoad } from './paced-load.ts';
import { conversionBody } from './payloads.ts';
import { median, percentileOfSorted } from './stats.ts';
import type { Swarm } from './swarm.ts';

export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
const BROADCAST_TIMEOUT_MS = 60_000;
/** The flood watchdog: a server or swarm above this is stopped before it can hurt the machine. */
const MAX_RSS_BYTES = 4 * 1024 ** 3;

export interface Target {
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

/** POSTs a fresh conversion (its own serial, so no dedupe) to the target's webhook; returns the status. */
export function postConversion(target: Target): Promise<number> {
  return post(`${target.server.url}${target.postPath}`, conversionBody('json', ++postSerial));
}

export async function broadcast(target: Target): Promise<BroadcastResult> {
  const { received } = await target.swarm.arm(BROADCAST_TIMEOUT_MS);
  const cpuBefore = readCpuMs(target.server.pid);
  const start = monotonicMs();
  const status = await postConversion(target);
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
export async function drain(swarm: Swarm, maxMs: number): Promise<number> {
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

export async function loadWithWatchdog(
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

export interface Step {
  connectMs: number;
  added: number;
  failed: number;
  firstError?: string;
  serverCpuMs: number;
  visitorsUpdates: number;
}

export function summarizeTarget(
  target: Target,
  step: Step,
  rssBytes: number,
  broadcasts: BroadcastResult[],
): TargetAtCount {
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
