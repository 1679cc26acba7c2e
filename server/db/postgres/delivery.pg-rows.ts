// Maps delivery rows to Delivery objects, and a normalized conversion to its INSERT parameters.
import type { Delivery } from '../../ingest/delivery.types.ts';
import type { NormalizedConversion } from '../../normalize/types.ts';

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

/** The conversion columns after (notification_id, site_id, delivery_id, received_at), in INSERT order. */
export const CONVERSION_FIELD_COLUMNS = `occurred_at, dedupe_key, email, first_name, last_name, name_derived, ip, city,
  state, state_code, country, country_code, product_name, product_link, product_image, total, currency, products,
  more_products, guid, event`;

export function conversionFieldParams(c: NormalizedConversion, dedupeKey: string | null): unknown[] {
  return [
    c.timestamp,
    dedupeKey,
    c.email ?? null,
    c.firstName ?? null,
    c.lastName ?? null,
    c.nameDerived ? 1 : 0,
    c.ip ?? null,
    c.city ?? null,
    c.state ?? null,
    c.stateCode ?? null,
    c.country ?? null,
    c.countryCode ?? null,
    c.productName ?? null,
    c.productLink ?? null,
    c.productImage ?? null,
    c.total ?? null,
    c.currency ?? null,
    JSON.stringify(c.products),
    c.moreProducts,
    c.guid ?? null,
    c.event ?? null,
  ];
}
