// A CSV import from end to end, in two passes over the parsed file. The first counts the rows (over
// the limit nothing is stored), learns how the file writes its dates and which column holds what;
// the second reads each row; then the conversions are stored as history, oldest first, in batches:
// never pushed to widgets as live. A dry run does the same without storing, and previews the first rows.
import type { Logger } from 'pino';
import type { ImportSummary } from '../../shared/imports.ts';
import type { Clock } from '../clock.ts';
import { HttpError } from '../errors.ts';
import type { GeoLookup } from '../geo/geo.types.ts';
import type { Notification } from '../notifications/notification.types.ts';
import type { SenderIndex } from '../senders/sender-index.ts';
import type { Storage } from '../storage/storage.ts';
import { type DateOrder, createDateOrderSniffer } from './cell-dates.ts';
import type { CsvFile } from './csv-file.ts';
import { readCsvTable } from './csv-rows.ts';
import { type ImportMapping, assertColumnsExist, describeMapping, effectiveFieldMap } from './import-mapping.ts';
import { knownFingerprints } from './known-conversions.ts';
import { type RowContext, type RowResult, normalizeRow, readImportRow } from './read-import-row.ts';
import { type PreviewRow, type RowNote, createImportTally } from './import-tally.ts';

export type { ImportSummary, PreviewRow, RowNote };

export interface ImportDeps {
  storage: Storage;
  geo: GeoLookup;
  clock: Clock;
  logger: Logger;
  senders?: SenderIndex;
}

export interface ImportOptions {
  dryRun: boolean;
  mapping: ImportMapping;
  /** How `05/03/2024` is read; sniffed from the file when absent. */
  dateOrder?: DateOrder;
}

/** Rows whose reading shows which column feeds which field. */
const SAMPLE_ROWS = 50;
const PREVIEW_ROWS = 10;
/** Rows read between two turns given to the rest of the server (reading is synchronous work). */
const ROWS_PER_TURN = 500;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/** Rows written together: one group-committed transaction on SQLite. */
const BATCH = 200;

/**
 * Oldest first, so that ids follow time as they do for webhooks: a widget's backfill takes the
 * newest ids. Batches one after the other, so the rest of the server gets its turns in between.
 */
async function store(
  accepted: Extract<RowResult, { outcome: 'conversion' }>[],
  notification: Notification,
  tally: ReturnType<typeof createImportTally>,
  deps: ImportDeps,
): Promise<void> {
  accepted.sort((a, b) => a.record.receivedAt - b.record.receivedAt);
  for (let start = 0; start < accepted.length; start += BATCH) {
    const batch = accepted.slice(start, start + BATCH);
    const results = await Promise.allSettled(batch.map((r) => deps.storage.deliveries.record(r.record)));
    for (const result of results) {
      if (result.status === 'fulfilled') tally.recorded(result.value.outcome);
    }
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      deps.logger.error({ err: failed.reason, notificationId: notification.id }, 'import: storing a row failed');
      throw new HttpError(
        503,
        'unavailable',
        `Storage failed after ${tally.summary().imported} rows were imported; importing the file again skips those as duplicates`,
      );
    }
  }
}

export async function runImport(
  file: CsvFile,
  notification: Notification,
  options: ImportOptions,
  deps: ImportDeps,
): Promise<ImportSummary> {
  const table = await readCsvTable(file.text);
  assertColumnsExist(options.mapping, table.columns);
  const now = deps.clock.now();

  // Pass 1: the row count (over the limit throws before anything is stored), date order, a sample.
  const sniffer = createDateOrderSniffer();
  const sample: Record<string, string>[] = [];
  for await (const row of table.rows()) {
    if (row.row % ROWS_PER_TURN === 0) await nextTurn();
    if (!('values' in row)) continue;
    sniffer.see(row.values);
    if (sample.length < SAMPLE_ROWS) sample.push(row.values);
  }
  const dateOrder = options.dateOrder ?? sniffer.order();
  const fieldMap = effectiveFieldMap(notification.fieldMap, options.mapping);
  const base: RowContext = { notification, fieldMap, now, dateOrder, dateColumn: undefined, ...deps };
  const sampleSources = sample.map((values) => normalizeRow(values, base).sources);
  const mapping = describeMapping(sampleSources, options.mapping, notification.fieldMap);
  const ctx: RowContext = { ...base, dateColumn: mapping.timestamp?.column };

  // Pass 2: every row read, deduplicated against what is stored and what came before in the file.
  const tally = createImportTally(await knownFingerprints(deps.storage, notification.id));
  const preview: PreviewRow[] = [];
  const accepted: Extract<RowResult, { outcome: 'conversion' }>[] = [];
  for await (const row of table.rows()) {
    if (row.row % ROWS_PER_TURN === 0) await nextTurn();
    const result: RowResult =
      'values' in row ? readImportRow(row.row, row.values, ctx) : { outcome: 'error', reason: row.error };
    const outcome = tally.take(row.row, result);
    if (options.dryRun && preview.length < PREVIEW_ROWS) {
      const reason = 'reason' in result ? result.reason : undefined;
      const conversion = 'read' in result ? result.read.conversion : undefined;
      preview.push({ row: row.row, outcome, ...(reason && { reason }), ...(conversion && { conversion }) });
    }
    if (outcome === 'imported' && result.outcome === 'conversion') accepted.push(result);
  }
  if (options.dryRun) tally.stored(accepted.length);
  else await store(accepted, notification, tally, deps);

  return {
    dryRun: options.dryRun,
    ...tally.summary(),
    columns: table.columns,
    separator: table.separator,
    charset: file.charset,
    dateOrder,
    mapping,
    ...(options.dryRun && { preview }),
  };
}
