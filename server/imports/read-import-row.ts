// One CSV row → what it becomes: read by the same normalizer as a webhook body (sender profiles,
// detection, the field map), classified, and, when it is a conversion, the delivery record that
// stores it, marked as imported (method IMPORT) and dated by the row's own time.
import type { GeoLookup } from '../geo/geo.types.ts';
import type { DeliveryRecord } from '../deliveries/delivery.types.ts';
import { normalizePayload } from '../normalize/normalize-payload.ts';
import type { NormalizeResult } from '../normalize/types.ts';
import type { Notification } from '../notifications/notification.types.ts';
import type { FieldMap } from '../senders/field-map.ts';
import type { SenderIndex } from '../senders/sender-index.ts';
import { type DateOrder, withReadableDates } from './cell-dates.ts';
import { classifyEntry, conversionFingerprint, importDedupeKey } from './entry-rules.ts';
import { columnOfSource } from './import-mapping.ts';

/** The delivery method that marks a stored conversion as imported (the inspector shows it). */
export const IMPORT_METHOD = 'IMPORT';
// What the stored body is: the row as a JSON object, which a replay reads like any JSON body.
const ROW_HEADERS = { 'content-type': 'application/json' };

export interface RowContext {
  notification: Notification;
  fieldMap: FieldMap | null;
  /** The import's time: the fallback for rows without a date, and the limit on future dates. */
  now: number;
  dateOrder: DateOrder;
  /** The column rows are dated by: a filled cell there that is no readable time is the row's error. */
  dateColumn: string | undefined;
  geo: GeoLookup;
  senders?: SenderIndex;
}

export type RowResult =
  | { outcome: 'conversion'; record: DeliveryRecord; fingerprint: string; read: NormalizeResult }
  | { outcome: 'ignored'; reason: string; read: NormalizeResult }
  | { outcome: 'error'; reason: string };

/** Our export writes `nameDerived: true` beside a name guessed from the email: read back, it is guessed again. */
function withoutDerivedName(values: Record<string, string>): Record<string, string> {
  if (values.nameDerived?.trim().toLowerCase() !== 'true') return values;
  const { firstName: _first, lastName: _last, ...rest } = values;
  return rest;
}

export function normalizeRow(values: Record<string, string>, ctx: RowContext): NormalizeResult {
  return normalizePayload(withReadableDates(withoutDerivedName(values), ctx.dateOrder), {
    receivedAt: ctx.now,
    lookupIp: (ip) => ctx.geo.lookup(ip),
    headers: ROW_HEADERS,
    senders: ctx.senders,
    fieldMap: ctx.fieldMap,
  });
}

function unreadableDate(values: Record<string, string>, read: NormalizeResult, ctx: RowContext): string | undefined {
  const column = ctx.dateColumn;
  const cell = column === undefined ? undefined : values[column];
  if (column === undefined || cell === undefined) return undefined;
  const source = read.sources.timestamp;
  if (source !== undefined && columnOfSource(source) === column) return undefined;
  const shown = cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
  return `${JSON.stringify(shown)} in column ${JSON.stringify(column)} is not a date it can read (or is in the future)`;
}

export function readImportRow(row: number, values: Record<string, string>, ctx: RowContext): RowResult {
  const read = normalizeRow(values, ctx);
  const dateProblem = unreadableDate(values, read, ctx);
  if (dateProblem) return { outcome: 'error', reason: dateProblem };
  const classification = classifyEntry(ctx.notification, read.conversion);
  if (classification.outcome === 'ignored') return { outcome: 'ignored', reason: classification.reason, read };
  const conversion = classification.conversion;
  const body = Buffer.from(JSON.stringify(values));
  const record: DeliveryRecord = {
    notificationId: ctx.notification.id,
    siteId: ctx.notification.siteId,
    // Its own time: a counter counts it in the window it happened in, never as today's.
    receivedAt: Math.min(conversion.timestamp, ctx.now),
    method: IMPORT_METHOD,
    contentType: ROW_HEADERS['content-type'],
    headers: ROW_HEADERS,
    query: null,
    body,
    bodyBytes: body.length,
    bodyTruncated: false,
    status: 200,
    outcome: 'accepted',
    reason: `row ${row} of a CSV file imported at ${new Date(ctx.now).toISOString()}`,
    dedupeKey: importDedupeKey(conversion),
    bodyFormat: 'json',
    normalized: read.conversion,
    fieldSources: read.sources,
    conversion,
  };
  return { outcome: 'conversion', record, fingerprint: conversionFingerprint(conversion), read };
}
