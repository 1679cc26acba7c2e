// The PostgreSQL ingest write: dedupe claim, delivery, conversion — committed together or not at all.
import type pg from 'pg';
import { type ConversionRow, toConversion } from '../conversions/conversion.rows.ts';
import { deliveryTextColumns } from './delivery.rows.ts';
import { DEDUPE_WINDOW_MS } from './delivery.sqlite.ts';
import type { DeliveryRecord, RecordReceipt, RecordResult } from './delivery.types.ts';
import { CONVERSION_FIELD_COLUMNS, conversionFieldParams } from './delivery.postgres-rows.ts';
import { queryRow } from '../db/postgres/pg-query.ts';

// The whole ingest write as ONE statement, so a webhook costs one round trip to PostgreSQL instead
// of five (BEGIN, claim, delivery, conversion, COMMIT; the bench profile showed the round trips,
// not PostgreSQL, as the cost). A single statement is atomic on its own: every row below is
// committed together or not at all. Ids come from the identity sequences up front so that each row
// is written once with its links to the others (rows written by one data-modifying CTE are not
// visible to the others). https://www.postgresql.org/docs/current/queries-with.html#QUERIES-WITH-MODIFYING
//
// The dedupe claim: the key's primary key makes a second process's INSERT wait for the first one's
// commit and then take the ON CONFLICT branch, which updates (re-claims) only a key older than the
// window ($5). No row back from `claim` = duplicate, wherever the first copy arrived.
// https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT
const RECORD_DELIVERY = `WITH ids AS (
    SELECT nextval(pg_get_serial_sequence('delivery', 'id')) AS delivery_id,
      CASE WHEN $6::boolean THEN nextval(pg_get_serial_sequence('conversion', 'id')) END AS conversion_id
  ), claim AS (
    INSERT INTO dedupe_key (notification_id, key, first_seen_at, conversion_id)
    SELECT $1::bigint, $4::text, $3::bigint, ids.conversion_id FROM ids WHERE $6::boolean AND $4::text IS NOT NULL
    ON CONFLICT (notification_id, key) DO UPDATE
      SET first_seen_at = excluded.first_seen_at, conversion_id = excluded.conversion_id
      WHERE dedupe_key.first_seen_at <= $5::bigint
    RETURNING 1
  ), verdict AS (
    SELECT ids.delivery_id, ids.conversion_id,
      ($6::boolean AND $4::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claim)) AS duplicate
    FROM ids
  ), seen AS (
    -- The first copy's time, for the reason; a copy committed while this statement waited is not in
    -- its snapshot, and then the receive time stands in.
    SELECT coalesce(
      (SELECT first_seen_at FROM dedupe_key WHERE notification_id = $1::bigint AND key = $4::text),
      $3::bigint) AS first_seen_at
  ), conv AS (
    INSERT INTO conversion (id, notification_id, site_id, delivery_id, received_at, ${CONVERSION_FIELD_COLUMNS})
    SELECT verdict.conversion_id, $1::bigint, $2::bigint, verdict.delivery_id, $3::bigint, $21, $22, $23, $24, $25,
      $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41
    FROM verdict WHERE $6::boolean AND NOT verdict.duplicate
    RETURNING *
  ), del AS (
    INSERT INTO delivery (id, notification_id, received_at, method, content_type, headers, query, body, body_bytes,
      body_truncated, status, outcome, reason, dedupe_key, body_format, normalized, field_sources, replay_of,
      conversion_id)
    SELECT verdict.delivery_id, $1::bigint, $3::bigint, $7, $8, $9, $10, $11, $12, $13, $14,
      CASE WHEN verdict.duplicate THEN 'duplicate' ELSE $15::text END,
      CASE WHEN verdict.duplicate
        THEN 'already received at '
          || to_char(to_timestamp((SELECT first_seen_at FROM seen) / 1000.0) AT TIME ZONE 'UTC',
               'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
          || ' (' || left($4::text, 120) || ')'
        ELSE $16::text END,
      $4::text, $17, $18, $19, $20,
      CASE WHEN verdict.duplicate THEN NULL ELSE verdict.conversion_id END
    FROM verdict
    RETURNING id, outcome
  )
  SELECT del.id AS recorded_delivery_id, del.outcome AS recorded_outcome, conv.*
  FROM del LEFT JOIN conv ON true`;

/** Twenty-one NULLs where a delivery has no conversion: the conversion INSERT does not run then. */
const NO_CONVERSION_FIELDS: unknown[] = new Array(21).fill(null);

type RecordedRow = Partial<ConversionRow> & { recorded_delivery_id: number; recorded_outcome: RecordResult['outcome'] };

export function createPgRecordDelivery(pool: pg.Pool) {
  return async (input: DeliveryRecord): Promise<RecordReceipt> => {
    const text = deliveryTextColumns(input);
    const row = await queryRow<RecordedRow>(pool, RECORD_DELIVERY, [
      input.notificationId,
      input.siteId,
      input.receivedAt,
      input.dedupeKey,
      input.receivedAt - DEDUPE_WINDOW_MS,
      input.conversion !== null,
      input.method,
      input.contentType,
      text.headers,
      input.query,
      input.body,
      input.bodyBytes,
      input.bodyTruncated ? 1 : 0,
      input.status,
      input.outcome,
      input.reason,
      input.bodyFormat,
      text.normalized,
      text.fieldSources,
      input.replayOf ?? null,
      ...(input.conversion ? conversionFieldParams(input.conversion, input.dedupeKey) : NO_CONVERSION_FIELDS),
    ]);
    const { recorded_delivery_id: deliveryId, recorded_outcome: outcome, ...conversion } = row as RecordedRow;
    return {
      deliveryId,
      outcome,
      conversion: conversion.id == null ? null : toConversion(conversion as ConversionRow),
      storedBytes: text.storedBytes,
    };
  };
}
