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
  sleep,
  startProofhook,
  startReference,
} from './children.ts';
import type { AckUnderFanout, BroadcastResult, FanoutResult, FanoutSettings } from './fanout-results.ts';
import {
  broadcast,
  drain,
  loadWithWatchdog,
  monotonicUs,
  postConversion,
  type Step,
  summarizeTarget,
  type Target,
} from './fanout-target.ts';
import type { LoadResult } from './load.ts';
import { median } from './stats.ts';
import { startSwarm } from './swarm.ts';

export type {
  AckLoadSettings,
  AckUnderFanout,
  BroadcastResult,
  FanoutAtCount,
  FanoutResult,
  FanoutSettings,
  ProfileWindow,
  TargetAtCount,
} from './fanout-results.ts';

const SETTLE_AFTER_CONNECT_MS = 2500;
const PAUSE_BETWEEN_BROADCASTS_MS = 300;
const WARMUP_POSTS = 20;

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
      for (let i = 0; i < WARMUP_POSTS; i++) await postConversion(target);
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
