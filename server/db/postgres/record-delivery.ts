// The PostgreSQL ingest transaction: dedupe claim, delivery, conversion — committed together or not at all.
import type pg from 'pg';
import { type ConversionRow, toConversion } from '../../conversions/conversion.rows.ts';
import { DEDUPE_WINDOW_MS } from '../../ingest/delivery.repository.ts';
import type { DeliveryRecord, RecordResult } from '../../ingest/delivery.types.ts';
import { CONVERSION_FIELD_COLUMNS, conversionFieldParams } from './delivery.pg-rows.ts';
import { queryRow } from './pg-query.ts';
import { withTransaction } from './pg-transaction.ts';

// Claims the key unless it was first seen inside the window ($4 = receivedAt - window). The primary key
// makes a second process's INSERT wait for the first one's commit and then see its row, so two
// deliveries of one event never both get a row back, wherever they run. No row back = duplicate.
// https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT
const CLAIM_KEY = `INSERT INTO dedupe_key (notification_id, key, first_seen_at) VALUES ($1, $2, $3)
  ON CONFLICT (notification_id, key) DO UPDATE SET first_seen_at = excluded.first_seen_at, conversion_id = NULL
    WHERE dedupe_key.first_seen_at <= $4
  RETURNING first_seen_at`;
// ON CONFLICT locked the row it did not update, so it is still there to be read.
const SELECT_KEY = 'SELECT first_seen_at FROM dedupe_key WHERE notification_id = $1 AND key = $2';
const INSERT_DELIVERY = `INSERT INTO delivery (notification_id, received_at, method, content_type, headers, query,
    body, body_bytes, body_truncated, status, outcome, reason, dedupe_key, body_format, normalized, field_sources,
    replay_of)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
  RETURNING id`;
const INSERT_CONVERSION = `WITH inserted AS (
    INSERT INTO conversion (notification_id, site_id, delivery_id, received_at, ${CONVERSION_FIELD_COLUMNS})
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
      $24, $25)
    RETURNING *
  ), linked_delivery AS (
    UPDATE delivery SET conversion_id = (SELECT id FROM inserted) WHERE id = $3
  ), linked_key AS (
    UPDATE dedupe_key SET conversion_id = (SELECT id FROM inserted) WHERE notification_id = $1 AND key = $6
  )
  SELECT * FROM inserted`;

export function createPgRecordDelivery(pool: pg.Pool) {
  return (input: DeliveryRecord): Promise<RecordResult> =>
    withTransaction(pool, async (client) => {
      let outcome: RecordResult['outcome'] = input.outcome;
      let reason = input.reason;
      if (input.conversion !== null && input.dedupeKey) {
        const keyParams = [input.notificationId, input.dedupeKey];
        const claimed = await queryRow(client, CLAIM_KEY, [
          ...keyParams,
          input.receivedAt,
          input.receivedAt - DEDUPE_WINDOW_MS,
        ]);
        if (!claimed) {
          const seen = await queryRow<{ first_seen_at: number }>(client, SELECT_KEY, keyParams);
          const firstSeenAt = seen?.first_seen_at ?? input.receivedAt;
          outcome = 'duplicate';
          reason = `already received at ${new Date(firstSeenAt).toISOString()} (${input.dedupeKey.slice(0, 120)})`;
        }
      }
      const delivery = await queryRow<{ id: number }>(client, INSERT_DELIVERY, [
        input.notificationId,
        input.receivedAt,
        input.method,
        input.contentType,
        JSON.stringify(input.headers),
        input.query,
        input.body,
        input.bodyBytes,
        input.bodyTruncated ? 1 : 0,
        input.status,
        outcome,
        reason,
        input.dedupeKey,
        input.bodyFormat,
        input.normalized && JSON.stringify(input.normalized),
        input.fieldSources && JSON.stringify(input.fieldSources),
        input.replayOf ?? null,
      ]);
      const deliveryId = (delivery as { id: number }).id;
      if (outcome === 'duplicate' || !input.conversion) return { deliveryId, outcome, conversion: null };

      const row = await queryRow<ConversionRow>(client, INSERT_CONVERSION, [
        input.notificationId,
        input.siteId,
        deliveryId,
        input.receivedAt,
        ...conversionFieldParams(input.conversion, input.dedupeKey),
      ]);
      return { deliveryId, outcome, conversion: toConversion(row as ConversionRow) };
    });
}
