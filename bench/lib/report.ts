// Renders the bench results as bench/report.md (for people) and bench/report.json (for tools).
import { SERVER_ENTRY } from './children.ts';
import type { ProfileSummary } from './cpu-profile.ts';
import type { FanoutResult, TargetAtCount } from './fanout.ts';
import type { IngestFormatResult, IngestSummary, IngestTarget } from './ingest.ts';
import type { ScaledResult } from './scaled.ts';
import { scaledSection } from './scaled-report.ts';
import type { LoadResult } from './load.ts';
import { type Machine, machineLine } from './machine.ts';
import { median } from './stats.ts';
import type { StartupResult, WidgetSize } from './widget-and-startup.ts';

export interface TargetCheck {
  id: string;
  figure: string;
  /** As measured, in `unit`. */
  value: number;
  unit: string;
  target: string;
  met: boolean | undefined;
  /** Why it is missed and what would close it (markdown lines). */
  analysis?: string[];
  profile?: ProfileSummary;
  /** Where the raw profile is, to open in Chrome DevTools (Performance → Load profile). */
  profileFile?: string;
}

export interface BenchResult {
  machine: Machine;
  mode: 'quick' | 'full';
  settings: Record<string, unknown>;
  durationS: number;
  ingest: IngestFormatResult[];
  fanout?: FanoutResult;
  widget?: WidgetSize;
  startup?: StartupResult;
  /** WORKERS=2 on PostgreSQL + Redis beside the single-node default (bench/lib/scaled.ts). */
  scaled?: ScaledResult;
  targets: TargetCheck[];
  notes: string[];
  failures: string[];
}

const fmt = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const int = (value: number | undefined) => fmt(value, 0);
const kib = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;
const outcomes = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([name, count]) => `${name} ${count.toLocaleString('en-US')}`)
    .join(', ') || '–';
const status = (met: boolean | undefined) => (met === undefined ? 'n/a' : met ? '**met**' : '**missed**');

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const INGEST_LABELS = {
  a: '(a) bare node:http, reads + parses the body',
  b: "(b) Proofhook's webhook route, durable",
  c: '(c) bare node:http + one SQLite insert (ladder)',
  d: "(d) Proofhook's route without the database write (ladder)",
} as const;

function ingestSection(results: IngestFormatResult[]): string {
  const parts: string[] = ['## 1. Ingest throughput and latency', ''];
  for (const result of results) {
    const row = (key: IngestTarget, s: IngestSummary | undefined, ratio: number | undefined) =>
      s
        ? [
            INGEST_LABELS[key],
            int(s.okPerSecond),
            int(s.serverCpuUsPerAck),
            fmt(s.p50Ms, 2),
            fmt(s.p99Ms, 2),
            String(s.errors),
            String(s.non2xx),
            outcomes(s.outcomes),
            ratio === undefined ? '1.00' : fmt(ratio, 2),
          ]
        : [];
    const rows = [
      row('a', result.medians.a, undefined),
      row('b', result.medians.b, result.ratioBA),
      ...(result.medians.c ? [row('c', result.medians.c, result.ratioCA)] : []),
      ...(result.medians.d ? [row('d', result.medians.d, result.ratioDA)] : []),
    ];
    parts.push(`### ${result.format === 'json' ? 'JSON' : 'form-encoded'} body`, '');
    parts.push(
      table(
        [
          'server',
          'acks/s (median)',
          'server CPU µs / ack',
          'p50 ms',
          'p99 ms',
          'errors',
          'non-2xx',
          'reply outcomes (all rounds)',
          'ratio to (a)',
        ],
        rows,
      ),
    );
    const perRound = (key: IngestTarget) =>
      result.rounds
        .map((r) => r[key])
        .filter(Boolean)
        .map((r) => int(r?.okPerSecond))
        .join(' / ');
    parts.push(
      '',
      `Rounds (acks/s, in run order a → b${result.medians.c ? ' → c' : ''} → d): a ${perRound('a')}; b ${perRound('b')}${result.medians.c ? `; c ${perRound('c')}` : ''}; d ${perRound('d')}. Server CPU per ack is the server process's CPU time (all threads, /proc) over the run divided by its 2xx answers: unlike acks/s it does not depend on how fast the load generator can go.`,
      '',
    );
  }
  return parts.join('\n');
}

function broadcastRow(count: number, name: string, t: TargetAtCount, ratio: string): string[] {
  const missing = t.broadcasts.reduce((sum, b) => sum + b.missing, 0);
  return [
    int(count),
    name,
    int(t.medians.lastMs),
    int(t.medians.p50Ms),
    int(t.medians.p99Ms),
    fmt(t.medians.ackMs, 1),
    int(t.medians.serverCpuMs),
    t.medians.serverCpuMs > 0 ? int((count * 1000) / t.medians.serverCpuMs) : '–',
    String(missing),
    ratio,
  ];
}

function connectionRow(count: number, name: string, t: TargetAtCount): string[] {
  return [
    int(count),
    name,
    fmt(t.rssIdleBytes / 1024 ** 2, 0),
    fmt(t.rssBytes / 1024 ** 2, 0),
    kib(t.rssPerClientBytes),
    int(t.connectsPerSecond),
    fmt(t.connectServerCpuMs, 2),
    fmt(t.visitorsUpdatesPerWidget, 1),
    t.failed ? `${t.failed}${t.firstError ? ` (${t.firstError})` : ''}` : '0',
  ];
}

function fanoutSection(fanout: FanoutResult): string {
  const broadcasts: string[][] = [];
  const connections: string[][] = [];
  for (const at of fanout.counts) {
    broadcasts.push(broadcastRow(at.count, 'plain Socket.IO', at.reference, '1.00'));
    broadcasts.push(broadcastRow(at.count, 'Proofhook', at.proofhook, fmt(at.ratioLast, 2)));
    connections.push(connectionRow(at.count, 'plain Socket.IO', at.reference));
    connections.push(connectionRow(at.count, 'Proofhook', at.proofhook));
  }
  const parts = [
    '## 2. Fan-out: webhook POST → every widget has the conversion',
    '',
    table(
      [
        'widgets',
        'server',
        'POST→last ms',
        'p50 ms',
        'p99 ms',
        'POST ack ms',
        'server CPU ms / broadcast',
        'pushes / CPU-second',
        'missed deliveries',
        'ratio (POST→last)',
      ],
      broadcasts,
    ),
    '',
    `Medians of ${fanout.counts[0]?.proofhook.broadcasts.length ?? 0} broadcasts per size and server, interleaved (plain Socket.IO, Proofhook, …). Receive times are taken in the swarm process on the same monotonic clock as the POST; p50/p99 are across widgets. Server CPU from /proc/<pid>/stat (10 ms ticks).`,
    '',
    table(
      [
        'widgets',
        'server',
        'RSS idle MiB',
        'RSS MiB',
        'RSS / widget',
        'connects/s',
        'server CPU ms / connect',
        'visitors:updated per widget',
        'failed connects',
      ],
      connections,
    ),
    '',
    'RSS per widget = (RSS with N connected − RSS idle) / N, from /proc/<pid>/status, 2.5 s after the last connect. Connects/s and CPU per connect are for the step that brought the count to N; `visitors:updated` counts the pushes each widget received during that step.',
    '',
  ];
  const ack = fanout.ack;
  if (ack) {
    const row = (name: string, runs: LoadResult[], delivered?: number[]) => [
      name,
      fmt(runs.length ? median(runs.map((r) => r.p50Ms)) : Number.NaN, 1),
      fmt(runs.length ? median(runs.map((r) => r.p99Ms)) : Number.NaN, 1),
      fmt(runs.length ? median(runs.map((r) => r.maxMs)) : Number.NaN, 1),
      runs.map((r) => String(r.ok)).join(' / '),
      String(runs.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0)),
      delivered ? delivered.map((d) => d.toLocaleString('en-US')).join(' / ') : '–',
    ];
    parts.push(
      `## 3. Webhook ack latency while broadcasting to ${ack.count.toLocaleString('en-US')} widgets`,
      '',
      `${ack.settings.ratePerSecond} webhooks/s for ${ack.settings.durationS} s per round, open loop (each request is sent when due, its latency counted from then), ${ack.rounds.length} round(s) per server, interleaved; every accepted conversion is broadcast to all ${ack.count.toLocaleString('en-US')} widgets. Medians over rounds.`,
      '',
      table(
        ['server', 'p50 ms', 'p99 ms', 'max ms', 'acks per round', 'errors + non-2xx', 'widget deliveries per round'],
        [
          row('Proofhook, no widgets connected (baseline)', [ack.baseline]),
          row(
            'plain Socket.IO',
            ack.rounds.map((r) => r.reference),
            ack.rounds.map((r) => r.deliveredReference),
          ),
          row(
            'Proofhook',
            ack.rounds.map((r) => r.proofhook),
            ack.rounds.map((r) => r.deliveredProofhook),
          ),
        ],
      ),
      '',
    );
    if (ack.aborted) parts.push(`Load ${ack.aborted}.`, '');
  }
  return parts.join('\n');
}

function widgetSection(widget: WidgetSize | undefined, startup: StartupResult | undefined): string {
  const parts = ['## 4. Widget bytes and server start', ''];
  if (widget) {
    parts.push(
      table(
        ['file', 'raw', 'gzip -9', 'brotli q11'],
        [
          [
            `\`${widget.file}\`${widget.built ? ' (built by this run)' : ''}`,
            kib(widget.rawBytes),
            kib(widget.gzipBytes),
            kib(widget.brotliBytes),
          ],
        ],
      ),
      '',
    );
  }
  if (startup) {
    parts.push(
      `Start → ready (spawn of \`node ${SERVER_ENTRY}\`, the bundle \`npm start\` runs, → first 200 from \`/healthz\`, fresh data directory): median **${int(startup.medianMs)} ms** over ${startup.runs.length} starts (${startup.runs.map(int).join(', ')} ms); first start of the run ${int(startup.coldMs)} ms (not in the median).`,
      '',
    );
  }
  return parts.join('\n');
}

function profileBlock(profile: ProfileSummary): string {
  const list = (entries: ProfileSummary['selfByArea']) =>
    entries.map((e) => `  - ${fmt(e.percent, 1)} % · ${int(e.ms)} ms · \`${e.name}\``).join('\n');
  return [
    `CPU profile of the server's main thread (\`--cpu-prof\`, the measured window only): ${int(profile.totalMs)} ms sampled, ${fmt(profile.busyPercent, 0)} % busy, longest busy stretch ${int(profile.longestBusyMs)} ms. Shares are of the busy time; samples are wall time, so time the thread spent preempted is charged to the frame it was in (often \`writev\`).`,
    '',
    '- Self time by area:',
    list(profile.selfByArea.slice(0, 10)),
    '- Self time by function:',
    list(profile.selfByFunction.slice(0, 12)),
    '- Inclusive time by function (a function and everything it called):',
    list(
      profile.inclusiveByFunction
        .filter((e) => !/processTicksAndRejections|runMicrotasks|^\(program\)/.test(e.name))
        .slice(0, 12),
    ),
  ].join('\n');
}

export function renderMarkdown(result: BenchResult): string {
  const parts = [
    '# Proofhook benchmark report',
    '',
    `**Machine:** ${machineLine(result.machine)}`,
    '',
    `Mode: ${result.mode}, ${fmt(result.durationS, 0)} s in all; load average at start ${result.machine.loadAverage.join(' / ')}; open-files limit ${result.machine.fdLimit}. Every figure is the median of interleaved rounds, with its ratio to a reference run in this same invocation; absolute numbers drift 10–30 % between runs on a shared 2-core machine, ratios much less. How to read this: docs/benchmarks.md.`,
    '',
    '## Targets',
    '',
    table(
      ['figure', 'measured', 'target', 'status'],
      result.targets.map((t) => [
        t.figure,
        `${fmt(t.value, t.unit === 'ratio' ? 2 : 1)}${t.unit === 'ratio' ? '' : ` ${t.unit}`}`,
        t.target,
        status(t.met),
      ]),
    ),
    '',
  ];
  for (const note of result.notes) parts.push(`- ${note}`);
  if (result.notes.length) parts.push('');
  for (const failure of result.failures) parts.push(`- **Failed:** ${failure}`);
  if (result.failures.length) parts.push('');
  if (result.ingest.length) parts.push(ingestSection(result.ingest));
  if (result.scaled) parts.push(scaledSection(result.scaled));
  if (result.fanout) parts.push(fanoutSection(result.fanout));
  parts.push(widgetSection(result.widget, result.startup));

  const missed = result.targets.filter((t) => t.met === false);
  if (missed.length) {
    parts.push('## Missed targets: profiles and what would close them', '');
    for (const t of missed) {
      parts.push(
        `### ${t.figure}: ${fmt(t.value, t.unit === 'ratio' ? 2 : 1)}${t.unit === 'ratio' ? '' : ` ${t.unit}`} (target ${t.target})`,
        '',
      );
      for (const line of t.analysis ?? []) parts.push(line);
      if (t.analysis?.length) parts.push('');
      if (t.profile) parts.push(profileBlock(t.profile), '');
      if (t.profileFile)
        parts.push(`Raw profile: \`${t.profileFile}\` (open in Chrome DevTools → Performance → Load profile).`, '');
    }
  }
  return `${parts
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
