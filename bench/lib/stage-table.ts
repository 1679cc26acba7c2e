// The table `npm run bench:stages` prints: µs of CPU per ack for each stage, its share of the
// stages' sum, the sum against the whole ack through the real handler, and what neither covers.
import type { BodyFormat } from './payloads.ts';
import type { StageResults, StageSettings } from './stage-costs.ts';

interface Line {
  /** A measurement key; `@B` is replaced by the batch size. */
  key: string;
  label: string;
}

/** The stages of one ack, in the order a webhook meets them; their sum is compared with the end-to-end ack. */
export const SUMMED_STAGES: readonly Line[] = [
  { key: 'route', label: 'route lookup: URL match, token → notification (cache)' },
  { key: 'rateLimit', label: 'rate limit: token bucket' },
  { key: 'read', label: 'body read: readRawBody from the request stream' },
  { key: 'parse', label: 'decode + parse: decompressBody, parseBody' },
  { key: 'normalize', label: 'normalize + classify, with the sender index' },
  { key: 'dedupe', label: 'dedupe key (sha256 of the body)' },
  { key: 'rows', label: 'row building: JSON text of the row, toConversion ¹' },
  { key: 'statements@B', label: 'statements, batch of B ²' },
  { key: 'commit@B', label: 'commit share: COMMIT ÷ B' },
  { key: 'publicView', label: 'public view: toPublicConversion' },
  { key: 'emit', label: 'emit, site without widgets (site pushes)' },
];

const formats: BodyFormat[] = ['json', 'form'];
const fmt = (value: number | undefined, width = 8) =>
  value === undefined || Number.isNaN(value) ? '–'.padStart(width) : value.toFixed(1).padStart(width);
const percent = (part: number | undefined, whole: number) =>
  part === undefined ? '' : `${((100 * part) / whole).toFixed(1)} %`.padStart(8);

export function stageTable(results: StageResults, settings: StageSettings, widgets: number): string[] {
  const value = (format: BodyFormat, key: string) => results.medians[format].get(key);
  const sumOf = (format: BodyFormat, size: number) =>
    SUMMED_STAGES.reduce((sum, line) => sum + (value(format, line.key.replace('@B', `@${size}`)) ?? 0), 0);
  const width = 58;
  const out: string[] = [];
  const row = (label: string, cells: string[]) => out.push(`${label.padEnd(width)}${cells.join('')}`);
  const [main, ...others] = settings.batchSizes as [number, ...number[]];

  row(`stage (µs of CPU per ack, batch of ${main})`, ['    JSON   share', '    form   share']);
  for (const line of SUMMED_STAGES) {
    const key = line.key.replace('@B', `@${main}`);
    row(
      line.label.replaceAll(' B', ` ${main}`),
      formats.map((f) => `${fmt(value(f, key))}${percent(value(f, key), sumOf(f, main))}`),
    );
  }
  const endToEnd = (size: number) => formats.map((f) => `${fmt(value(f, `e2e@${size}`))}${''.padStart(8)}`);
  const gap = (size: number) =>
    formats.map((f) => {
      const whole = value(f, `e2e@${size}`) ?? Number.NaN;
      return `${fmt(whole - sumOf(f, size))}${percent(whole - sumOf(f, size), whole)}`;
    });
  row(
    'sum of the stages',
    formats.map((f) => `${fmt(sumOf(f, main))}${'100 %'.padStart(8)}`),
  );
  row('one ack through the real handler (fake req/res) ³', endToEnd(main));
  row('  not in any stage (ack − sum; share of the ack)', gap(main));

  for (const size of others) {
    out.push('');
    row(`batch of ${size}`, ['', '']);
    row(
      `statements, batch of ${size} ²`,
      formats.map((f) => `${fmt(value(f, `statements@${size}`))}        `),
    );
    row(
      `commit share: COMMIT ÷ ${size}`,
      formats.map((f) => `${fmt(value(f, `commit@${size}`))}        `),
    );
    row(
      'sum of the stages',
      formats.map((f) => `${fmt(sumOf(f, size))}        `),
    );
    row('one ack through the real handler ³', endToEnd(size));
    row('  not in any stage (ack − sum; share of the ack)', gap(size));
  }

  out.push('');
  row('beside the ack, not in the sums', ['', '']);
  const extra = (key: string, label: string) =>
    row(
      label,
      formats.map((f) => `${fmt(value(f, key))}        `),
    );
  extra('checkpoint', 'WAL checkpoint per delivery (a worker thread in production)');
  extra('savepoint', 'one empty SAVEPOINT + RELEASE, what a failing batch pays per item');
  const stagesOfInterpret = (f: BodyFormat) =>
    ['parse', 'normalize', 'dedupe'].reduce((sum, key) => sum + (value(f, key) ?? 0), 0);
  extra('interpret', 'interpretDelivery + keepBodyOf as one call');
  row(
    '  its stages: decode + parse, normalize, dedupe key',
    formats.map((f) => `${fmt(stagesOfInterpret(f))}        `),
  );
  if (widgets > 0) extra('emitWidgets', `emit to a site with ${widgets} widgets (other process), per push`);

  out.push('');
  row('references, measured the same way in the same run', ['', '']);
  extra('bareParse', 'bare JSON.parse of the body (URLSearchParams for forms)');
  extra('bareInsert', 'bare one-row INSERT per request, own transaction, WAL/NORMAL');
  return out;
}

/** What the numbers mean and what they leave out; printed under the table. */
export const STAGE_NOTES = [
  '¹ The JSON text the repository stores (headers, normalized fields, field sources, products) and the',
  '  conversion it hands back, timed on the same records; the two parameter objects stay in ².',
  "² The repository's own time in the group commit (its statements, the batch and promise bookkeeping;",
  '  a savepoint per item only in a batch where an item failed), measured inside an open transaction,',
  '  minus ¹: derived, not timed alone.',
  "³ createApp's request listener called with a stream for the request and a stand-in for the response,",
  "  a batch's requests in one turn so that they share a transaction, until its pushes ran. Besides the",
  '  stages it copies the headers, assembles the delivery record, hops between promises, runs the',
  "  publisher's checks and the inspector feed (no admin watching); that and running the stages",
  '  interleaved (each stage above runs in a loop of its own, over hundreds of requests in a row) is',
  '  the ack − sum line; it shrinks as batches grow, since the handler then also runs each stage over',
  '  a whole batch in a row.',
  "  Neither the ack nor the sum holds Node's HTTP core (parsing the request, IncomingMessage and",
  '  ServerResponse, socket reads and writes) nor the WAL checkpoint, shown apart.',
];
