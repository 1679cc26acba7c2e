// The report's section for the scaled-out run (bench/lib/scaled.ts), beside the single-node figures.
import { SCALED_LABELS, type ScaledResult, type ScaledTarget } from './scaled.ts';
import { median } from './stats.ts';

const fmt = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function scaledSection(result: ScaledResult): string {
  const lines = ['## Scaled out: 2 workers on PostgreSQL + Redis', ''];
  if ('skipped' in result) return [...lines, result.skipped, ''].join('\n');
  lines.push(
    `JSON webhooks, same load as figure 1, ${result.rounds} interleaved round(s), medians. CPU per ack counts the Proofhook processes only (primary and workers), not PostgreSQL or Redis, which share this machine's cores.`,
    '',
    '| server | acks/s | Proofhook CPU per ack | p50 | p99 | non-2xx | errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const name of Object.keys(SCALED_LABELS) as ScaledTarget[]) {
    const r = result.ingest[name];
    lines.push(
      `| ${SCALED_LABELS[name]} | ${fmt(r.okPerSecond, 0)} | ${fmt(r.cpuUsPerAck, 0)} µs | ${fmt(r.p50Ms)} ms | ${fmt(r.p99Ms)} ms | ${r.non2xx} | ${r.errors} |`,
    );
  }
  lines.push(
    '',
    `WORKERS=2 / single-node SQLite: **${fmt(result.ratioToSqlite, 2)}**; WORKERS=2 / one process on PostgreSQL: **${fmt(result.ratioToOneWorker, 2)}**.`,
    '',
  );
  if (result.fanout) {
    const f = result.fanout;
    lines.push(
      `Fan-out through the Redis Streams adapter: ${f.widgets.toLocaleString('en-US')} widgets spread over the workers (open sockets per worker: ${f.socketsPerWorker.join(' / ')}), ${f.lastMs.length} broadcasts: POST→last median **${fmt(median(f.lastMs), 0)} ms** (each: ${f.lastMs.map((ms) => fmt(ms, 0)).join(', ')} ms), p50 across widgets ${fmt(median(f.p50Ms), 0)} ms, missed deliveries ${f.missing}.`,
      '',
    );
  } else if (result.fanoutError) {
    lines.push(`Fan-out through Redis failed: ${result.fanoutError}`, '');
  }
  return lines.join('\n');
}
