// Maps delivery rows (the same columns in SQLite and PostgreSQL) to Delivery objects.
import type { Delivery, DeliveryRecord } from './delivery.types.ts';

export interface DeliveryRow {
  id: number;
  notification_id: number;
  received_at: number;
  method: string;
  content_type: string | null;
  headers: string;
  query: string | null;
  body: Buffer | null;
  body_bytes: number;
  body_truncated: number;
  status: number;
  outcome: Delivery['outcome'];
  reason: string | null;
  dedupe_key: string | null;
  body_format: string | null;
  normalized: string | null;
  field_sources: string | null;
  conversion_id: number | null;
  replay_of: number | null;
}

export function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    notificationId: row.notification_id,
    receivedAt: row.received_at,
    method: row.method,
    contentType: row.content_type,
    headers: JSON.parse(row.headers),
    query: row.query,
    body: row.body,
    bodyBytes: row.body_bytes,
    bodyTruncated: row.body_truncated === 1,
    status: row.status,
    outcome: row.outcome,
    reason: row.reason,
    dedupeKey: row.dedupe_key,
    bodyFormat: row.body_format,
    normalized: row.normalized === null ? null : JSON.parse(row.normalized),
    fieldSources: row.field_sources === null ? null : JSON.parse(row.field_sources),
    conversionId: row.conversion_id,
    replayOf: row.replay_of,
  };
}

/** The text columns a delivery row stores as JSON, and roughly what the row keeps of the request. */
export interface DeliveryTextColumns {
  headers: string;
  normalized: string | null;
  fieldSources: string | null;
  /** The body's bytes and the text columns' lengths: what the delivery log budget counts. */
  storedBytes: number;
}

/** Serialized once per delivery: the row and the log budget read the same text. */
export function deliveryTextColumns(
  record: Pick<DeliveryRecord, 'headers' | 'normalized' | 'fieldSources' | 'body' | 'query'>,
): DeliveryTextColumns {
  const headers = JSON.stringify(record.headers);
  const normalized = record.normalized && JSON.stringify(record.normalized);
  const fieldSources = record.fieldSources && JSON.stringify(record.fieldSources);
  const storedBytes =
    (record.body?.length ?? 0) +
    headers.length +
    (record.query?.length ?? 0) +
    (normalized?.length ?? 0) +
    (fieldSources?.length ?? 0);
  return { headers, normalized, fieldSources, storedBytes };
}
