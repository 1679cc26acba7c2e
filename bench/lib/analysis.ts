// Turns the figures into target checks and, for each missed target, the evidence: a CPU profile
// summary of the server child in the measured situation and what the numbers say would close it.
import type { ProfileFocus, ProfileSummary } from './cpu-profile.ts';
import { summarizeCpuProfile } from './cpu-profile.ts';
import type { FanoutResult } from './fanout.ts';
import type { IngestFormatResult, IngestSettings } from './ingest.ts';
import { profileIngest } from './ingest.ts';
import type { TargetCheck } from './report.ts';
import { profileStartup, type StartupResult, type WidgetSize } from './widget-and-startup.ts';

const EXPRESS_PACKAGES = [
  'express',
  'router',
  'helmet',
  'finalhandler',
  'send',
  'content-type',
  'mime-types',
  'mime-db',
  'type-is',
  'on-finished',
  'depd',
  'statuses',
  'encodeurl',
  'escape-html',
  'proxy-addr',
  'accepts',
  'negotiator',
  'vary',
  'parseurl',
  'path-to-regexp',
  'forwarded',
  'ipaddr.js',
  'media-typer',
  'content-disposition',
  'cookie',
  'range-parser',
  'fresh',
  'etag',
];
const SOCKET_IO_PACKAGES = [
  'socket.io',
  'socket.io-adapter',
  'socket.io-parser',
  'engine.io',
  'engine.io-parser',
  'ws',
];

export const INGEST_FOCUS: ProfileFocus[] = [
  { label: 'durable commit: better-sqlite3 transaction (inclusive)', frame: /^sqliteTransaction / },
  { label: 'normalizePayload (inclusive)', frame: /^normalizePayload / },
  { label: 'parseBody (inclusive)', frame: /^parseBody / },
  { label: 'publishConversion: public view + emit (inclusive)', frame: /^publishConversion / },
  { label: 'notification lookup (inclusive)', frame: /^findByIngestToken / },
  { label: 'dedupe key (inclusive)', frame: /^chooseDedupeKey / },
  { label: 'Express, router, helmet and their helpers (self)', areas: EXPRESS_PACKAGES },
  { label: 'Node core: HTTP parsing, streams, socket writes (self)', areas: ['node core'] },
  { label: 'garbage collector', areas: ['(garbage collector)'] },
];

export const FANOUT_FOCUS: ProfileFocus[] = [
  { label: 'Socket.IO / engine.io / ws code (self)', areas: SOCKET_IO_PACKAGES },
  { label: 'Node core: streams and socket writes (self)', areas: ['node core'] },
  { label: 'publishConversion: public view + room emit (inclusive)', frame: /^publishConversion / },
  { label: 'webhook handling, handleWebhook (inclusive)', frame: /^handleWebhook / },
  { label: 'garbage collector', areas: ['(garbage collector)'] },
];

export const STARTUP_FOCUS: ProfileFocus[] = [
  {
    label: 'tsx loader: transforms, resolution, waits on its loader thread (inclusive)',
    frame: /node_modules\/tsx\/|^makeSyncRequest |^waitForWorker |^makeAsyncRequest /,
  },
  { label: 'CommonJS packages: read, compile, run (Module._load, inclusive)', frame: /^Module\._load / },
  { label: 'zod (self)', areas: ['zod'] },
  { label: 'geoip-lite (inclusive)', frame: /node_modules\/geoip-lite\// },
  { label: 'migrations (inclusive)', frame: /^migrate / },
  { label: 'garbage collector', areas: ['(garbage collector)'] },
];

const r2 = (value: number) => value.toFixed(2);
const ms0 = (value: number) => `${Math.round(value)} ms`;

function focusLine(profile: ProfileSummary): string {
  return `Of the server's busy time in that window: ${profile.focus.map((f) => `${f.name} ${f.percent.toFixed(0)} %`).join('; ')}.`;
}

function selfShare(profile: ProfileSummary, prefix: string): number | undefined {
  return profile.selfByFunction.find((e) => e.name.startsWith(prefix))?.percent;
}

export interface AnalysisContext {
  ingest: IngestFormatResult[];
  ingestSettings: IngestSettings;
  fanout?: FanoutResult;
  widget?: WidgetSize;
  startup?: StartupResult;
  /** Path prefix for raw profiles, e.g. bench/report. (git-ignored). */
  profilePrefix: string;
  quick: boolean;
  log: (line: string) => void;
}

async function ingestCheck(result: IngestFormatResult, threshold: number, ctx: AnalysisContext): Promise<TargetCheck> {
  const label = result.format === 'json' ? 'JSON' : 'form-encoded';
  const check: TargetCheck = {
    id: `ingest-${result.format}`,
    figure: `1. durable webhook acks/s, ${label}, ratio to bare node:http`,
    value: result.ratioBA,
    unit: 'ratio',
    target: `≥ ${threshold.toFixed(2)}`,
    met: result.ratioBA >= threshold,
  };
  if (check.met) return check;
  ctx.log(`  profiling the ${label} ingest miss`);
  const profiled = await profileIngest(
    result.format,
    ctx.ingestSettings,
    `${ctx.profilePrefix}ingest-${result.format}.cpuprofile`,
  );
  const profile = profiled
    ? summarizeCpuProfile(profiled.file, { window: profiled.window, focus: INGEST_FOCUS })
    : undefined;
  const a = result.medians.a;
  const b = result.medians.b;
  const lines = [
    `Proofhook acks ${Math.round(b?.okPerSecond ?? 0)}/s (p50 ${b?.p50Ms.toFixed(1)} ms, p99 ${b?.p99Ms.toFixed(1)} ms) where the bare reference answers ${Math.round(a?.okPerSecond ?? 0)}/s; the load generator shares the 2 cores, so (a) is the ceiling of this machine, not of the reference server. The target means ${Math.round((a?.okPerSecond ?? 0) * threshold)} acks/s here, a budget of about ${Math.round(1e6 / ((a?.okPerSecond ?? 1) * threshold))} µs of server CPU per ack; Proofhook spends ${Math.round(b?.serverCpuUsPerAck ?? 0)} µs, (a) ${Math.round(a?.serverCpuUsPerAck ?? 0)} µs${result.medians.c ? `, (c) ${Math.round(result.medians.c.serverCpuUsPerAck)} µs` : ''} (all threads, from /proc).`,
  ];
  const ladder = ctx.ingest.find((r) => r.format === 'json')?.ratioCA;
  if (ladder !== undefined) {
    lines.push(
      ladder < threshold
        ? `The ladder rung (c), the bare server plus one durable SQLite insert per request, reaches ${r2(ladder)} of (a): one commit per request is by itself below the target on this machine, so closing it needs fewer commits than requests — group commit: deliveries that arrive in the same event-loop turn (or within ~2 ms, at most a few hundred) share one transaction, and each 200 is written after that commit, so "durable before 200" still holds.`
        : `The ladder rung (c), the bare server plus one durable SQLite insert per request, reaches ${r2(ladder)} of (a): one commit per request still leaves room for the target on this machine, so the gap is the per-request work shown below (group commit already shares one commit among the webhooks of an event-loop turn).`,
    );
  }
  const withoutWrite = result.medians.d;
  if (withoutWrite) {
    lines.push(
      result.ratioDA < threshold
        ? `The rung (d), Proofhook's route with everything but the database write, reaches ${r2(result.ratioDA)} of (a) at ${Math.round(withoutWrite.serverCpuUsPerAck)} µs of CPU per ack: below the target even if storing cost nothing, so no change to the write can close it; the work before and after the write (parsing, normalizing, row building, the push, HTTP) alone is over the budget.`
        : `The rung (d), Proofhook's route with everything but the database write, reaches ${r2(result.ratioDA)} of (a) at ${Math.round(withoutWrite.serverCpuUsPerAck)} µs of CPU per ack: the target is within reach of the work outside the write, so the write is where the gap is.`,
    );
  }
  if (profile) {
    lines.push(focusLine(profile));
    const money = selfShare(profile, 'formatMoney ');
    if (money !== undefined && money >= 2)
      lines.push(
        `\`formatMoney\` (server/conversions/public-view.ts) alone is ${money.toFixed(0)} % self time: it builds a new \`Intl.NumberFormat\` for every conversion; one cached formatter per currency removes nearly all of it.`,
      );
    const express = profile.focus.find((f) => f.name.startsWith('Express'))?.percent ?? 0;
    if (express >= 5)
      lines.push(
        `Express routing, helmet's headers and \`res.send\` cost ${express.toFixed(0)} % that (a) does not pay: answering \`/hooks/*\` from a plain \`node:http\` handler before the Express app (headers set once) removes it.`,
      );
    lines.push(
      'Order of work suggested by these numbers: fewer commits than requests first (when the ladder says one commit per request cannot reach the target), then the largest inclusive items above, then whatever (a) does not do at all (framework, extra headers).',
    );
  }
  lines.push(
    "What has been tried, with its measured effect, and what would close the rest: docs/benchmarks.md, 'Latest results and what the misses need'.",
  );
  check.analysis = lines;
  check.profile = profile;
  check.profileFile = profiled?.file;
  return check;
}

function fanoutChecks(fanout: FanoutResult, ctx: AnalysisContext): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const largest = fanout.counts.at(-1);
  const n = largest?.count ?? 0;
  const atN = ctx.quick ? ` (quick: at ${n.toLocaleString('en-US')}, not 10,000)` : '';
  const file = fanout.profiles.proofhookFile;
  const fanoutProfile =
    file && fanout.profiles.fanoutWindow
      ? summarizeCpuProfile(file, { window: fanout.profiles.fanoutWindow, focus: FANOUT_FOCUS })
      : undefined;
  const ackProfile =
    file && fanout.profiles.ackWindow
      ? summarizeCpuProfile(file, { window: fanout.profiles.ackWindow, focus: FANOUT_FOCUS })
      : undefined;

  if (largest) {
    const p = largest.proofhook;
    const r = largest.reference;
    const ratio: TargetCheck = {
      id: 'fanout-ratio',
      figure: `2. fan-out to ${n.toLocaleString('en-US')} widgets, POST→last, ratio to plain Socket.IO${atN}`,
      value: largest.ratioLast,
      unit: 'ratio',
      target: '≤ 1.00',
      met: largest.ratioLast <= 1,
    };
    if (!ratio.met) {
      ratio.analysis = [
        `POST→last: Proofhook ${ms0(p.medians.lastMs)} vs plain Socket.IO ${ms0(r.medians.lastMs)}; the POST's own 200 takes ${ms0(p.medians.ackMs)} vs ${ms0(r.medians.ackMs)}; server CPU per broadcast ${ms0(p.medians.serverCpuMs)} vs ${ms0(r.medians.serverCpuMs)} (10 ms ticks).`,
        `The reference does one \`io.to(room).emit\` right after parsing; Proofhook first runs the webhook (parse, normalize, commit, public view) and then its own broadcast. The profile below splits the window between the two; closing it means a pre-emit path as cheap as figure 1's (a) and a broadcast loop no more expensive per widget than Socket.IO's own.`,
      ];
      if (fanoutProfile) ratio.analysis.push(focusLine(fanoutProfile));
      ratio.profile = fanoutProfile;
      ratio.profileFile = file;
    }
    checks.push(ratio);

    const rssKb = p.rssPerClientBytes / 1024;
    const rss: TargetCheck = {
      id: 'rss-per-widget',
      figure: `2. server RSS per connected widget at ${n.toLocaleString('en-US')}${atN}`,
      value: rssKb,
      unit: 'KB',
      target: '≤ 15 KB',
      met: rssKb <= 15,
    };
    if (!rss.met) {
      const refKb = r.rssPerClientBytes / 1024;
      rss.analysis = [
        `Proofhook ${rssKb.toFixed(1)} KB per widget; the plain Socket.IO reference with the same server options ${refKb.toFixed(1)} KB (RSS with ${n.toLocaleString('en-US')} connected − RSS idle, divided by ${n.toLocaleString('en-US')}; both include garbage not yet collected).`,
        refKb > 15
          ? `Socket.IO's own floor is already above the target here, so Proofhook-side trimming cannot close it alone: drop the reference to each session's first HTTP request (\`io.engine.on('connection', (raw) => { raw.request = null })\`, recommended in https://socket.io/docs/v4/memory-usage/), and consider a leaner WebSocket server (\`eiows\` or µWebSockets.js, same page) for the ${(refKb - 15).toFixed(1)} KB left.`
          : `Socket.IO's own floor (${refKb.toFixed(1)} KB) is under the target, so the extra ${(rssKb - refKb).toFixed(1)} KB per widget is state Proofhook keeps per connection beyond Socket.IO's: what the handshake and \`connection\` handlers attach (socket data, listeners and their closures, room memberships, per-IP/per-site counters) and what they allocate per connect (the backfill snapshot). A heap snapshot of the server with the widgets connected (\`node --heapsnapshot-signal=SIGUSR2\`, compare in DevTools against one taken idle) names the objects; dropping the reference to each session's first HTTP request (https://socket.io/docs/v4/memory-usage/) is the generic first step.`,
      ];
    }
    checks.push(rss);
  }

  const ack = fanout.ack;
  if (ack) {
    const value = ack.medians.proofhookP99Ms;
    const check: TargetCheck = {
      id: 'ack-p99-under-fanout',
      figure: `3. webhook p99 while broadcasting to ${ack.count.toLocaleString('en-US')} widgets at ${ack.settings.ratePerSecond}/s${atN}`,
      value,
      unit: 'ms',
      target: '≤ 50 ms',
      met: value <= 50 && !ack.aborted,
    };
    if (!check.met) {
      const cpu = largest?.proofhook.medians.serverCpuMs ?? Number.NaN;
      const refCpu = largest?.reference.medians.serverCpuMs ?? Number.NaN;
      const demand = (ack.settings.ratePerSecond * cpu) / 1000;
      const ackAtBroadcast = largest?.proofhook.medians.ackMs ?? Number.NaN;
      const lastAtBroadcast = largest?.proofhook.medians.lastMs ?? Number.NaN;
      check.analysis = [
        `p99 ${ms0(value)} (p50 ${ms0(ack.medians.proofhookP50Ms)}) with ${ack.count.toLocaleString('en-US')} widgets, against ${ms0(ack.baseline.p99Ms)} at the same rate with no widgets connected; the plain Socket.IO reference under the same load (it emits before it answers): p99 ${ms0(ack.medians.referenceP99Ms)}.`,
        `One broadcast to ${ack.count.toLocaleString('en-US')} widgets costs the server about ${ms0(cpu)} of CPU (figure 2; the reference ${ms0(refCpu)}).` +
          (ackAtBroadcast > 0.5 * lastAtBroadcast
            ? ` The POST that triggers a broadcast gets its 200 after ${ms0(ackAtBroadcast)} of a ${ms0(lastAtBroadcast)} POST→last: the push runs before the reply is written, so that request waits for the fan-out and so does every ack that arrives meanwhile.`
            : ` The POST that triggers a broadcast gets its 200 after ${ms0(ackAtBroadcast)}, well before the last widget (${ms0(lastAtBroadcast)}): the reply does not wait for the push, so the acks that miss are the ones arriving while a broadcast holds the event loop.`) +
          (demand > 1
            ? ` At ${ack.settings.ratePerSecond}/s that is ${demand.toFixed(1)} s of fan-out work per second: the server is saturated and acks queue behind broadcasts whatever the slicing.`
            : ''),
        ...(ackProfile
          ? [
              `The main thread stayed busy for up to ${ms0(ackProfile.longestBusyMs)} at a stretch in that window (longest run of busy samples; work that yields between slices still polls I/O in between, so this bounds the wait only for unsliced work).`,
            ]
          : []),
        `What would close it, in order: write the 200 before publishing; emit to the room in slices with a turn of the event loop between them, small enough that no slice takes more than a few ms; coalesce conversions that arrive within ~100 ms into one broadcast; past that, fan out from another process (a Socket.IO adapter) so the ingest event loop never iterates over sockets.`,
      ];
      if (ack.aborted) check.analysis.push(`The load was ${ack.aborted}.`);
      if (ackProfile) check.analysis.push(focusLine(ackProfile));
      check.profile = ackProfile;
      check.profileFile = file;
    }
    checks.push(check);
  }
  return checks;
}

export async function evaluateTargets(ctx: AnalysisContext): Promise<TargetCheck[]> {
  const checks: TargetCheck[] = [];
  for (const result of ctx.ingest) checks.push(await ingestCheck(result, result.format === 'json' ? 0.6 : 0.5, ctx));
  if (ctx.fanout) checks.push(...fanoutChecks(ctx.fanout, ctx));
  if (ctx.widget) {
    const kb = ctx.widget.gzipBytes / 1024;
    checks.push({
      id: 'widget-gzip',
      figure: '4. widget gzip bytes',
      value: kb,
      unit: 'KB',
      target: '≤ 18 KB',
      met: kb <= 18,
      analysis:
        kb <= 18
          ? undefined
          : [
              'Over the budget `npm run size` enforces; see which modules grew with `npx vite build --mode production` and a bundle visualizer.',
            ],
    });
  }
  if (ctx.startup) {
    const check: TargetCheck = {
      id: 'startup',
      figure: '4. server start → /healthz ready (median)',
      value: ctx.startup.medianMs,
      unit: 'ms',
      target: '≤ 1000 ms',
      met: ctx.startup.medianMs <= 1000,
    };
    if (!check.met) {
      ctx.log('  profiling the start-up miss');
      const profiled = await profileStartup(`${ctx.profilePrefix}startup.cpuprofile`);
      if (profiled) {
        check.profile = summarizeCpuProfile(profiled.file, { window: profiled.window, focus: STARTUP_FOCUS });
        check.profileFile = profiled.file;
        const share = (prefix: string) => check.profile?.focus.find((f) => f.name.startsWith(prefix))?.percent ?? 0;
        check.analysis = [
          `Median ${ms0(ctx.startup.medianMs)} over ${ctx.startup.runs.length} starts; its profile covers ${ms0(check.profile.totalMs)} of the main thread, from Node's start (after its own bootstrap) to the first 200 from \`/healthz\`. ${focusLine(check.profile)}`,
        ];
        if (share('tsx') >= 10)
          check.analysis.push(
            `tsx (${share('tsx').toFixed(0)} %) transforms and resolves every TypeScript module at start, with a synchronous hop to its loader thread per import: running a prebuilt JavaScript bundle of the server (esbuild, node_modules external) removes that share and most module resolution.`,
          );
        if (share('CommonJS') >= 10)
          check.analysis.push(
            `Loading npm packages (${share('CommonJS').toFixed(0)} %, inclusive of what they run at load) is the other large share: a bundle with the heavy, rarely used dependencies loaded on first use (as busboy and iconv-lite already are) shortens it; Node's on-disk compile cache (\`NODE_COMPILE_CACHE\`, Node ≥ 22.1) would help after an upgrade.`,
          );
        if (share('geoip') >= 5)
          check.analysis.push(
            `geoip-lite's data load is ${share('geoip').toFixed(0)} %: load it on the first lookup instead of at start.`,
          );
      }
    }
    checks.push(check);
  }
  return checks;
}
