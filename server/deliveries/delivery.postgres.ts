// PostgreSQL deliveries: the ingest transaction, replays, inspector reads, counters, erasure and retention.
import type pg from 'pg';
import { type ConversionRow, toConversion } from '../conversions/conversion.rows.ts';
import { DEDUPE_WINDOW_MS, duplicateReason, keptConversionReason } from './delivery.sqlite.ts';
import type {
  DailyDeliveryCounts,
  DeliveryCounts,
  DeliveryRecord,
  DeliveryRepository,
  RederiveResult,
} from './delivery.types.ts';
import { type DeliveryRow, toDelivery } from './delivery.rows.ts';
import { bytesAsLowerText, textAsBodyText } from './bytes-as-text.postgres.ts';
import { createPgDeliveryLogSize } from './delivery-log-size.postgres.ts';
import { createPgDeliverySearch } from './delivery-search.postgres.ts';
import { percentEncodedEmail } from './email-spellings.ts';
import { CONVERSION_FIELD_COLUMNS, conversionFieldParams } from './delivery.postgres-rows.ts';
import { type Queryable, execute, queryRow, queryRows } from '../db/postgres/pg-query.ts';
import { MAINTENANCE_STATEMENT_TIMEOUT_MS, withTransaction } from '../db/postgres/pg-transaction.ts';
import { createPgRecordDelivery } from './record-delivery.postgres.ts';

const SELECT_BY_ID = 'SELECT * FROM delivery WHERE id = $1';
const OUTCOME_COUNTS = `count(*) AS deliveries,
    count(*) FILTER (WHERE outcome = 'accepted') AS accepted,
    count(*) FILTER (WHERE outcome = 'duplicate') AS duplicate,
    count(*) FILTER (WHERE outcome = 'ignored') AS ignored,
    count(*) FILTER (WHERE outcome = 'unparsed') AS unparsed,
    count(*) FILTER (WHERE outcome = 'rejected') AS rejected,
    count(*) FILTER (WHERE outcome = 'unverified') AS unverified`;
// Test events are left out of every count.
const COUNT_SINCE = `SELECT ${OUTCOME_COUNTS} FROM delivery
  WHERE notification_id = $1 AND received_at >= $2 AND outcome <> 'test'`;
// Whole seconds, then the UTC calendar day, as SQLite's strftime('%Y-%m-%d', ms / 1000, 'unixepoch').
const DAILY_COUNTS = `SELECT to_char(to_timestamp(received_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
    ${OUTCOME_COUNTS}
  FROM delivery WHERE notification_id = $1 AND received_at >= $2 AND outcome <> 'test'
  GROUP BY 1 ORDER BY 1`;

// SQLite finds the email with instr(lower(CAST(body AS TEXT)), email): see bytes-as-text.pg.ts.
const EMAIL_AS_BODY_TEXT = textAsBodyText('$1');
// $2: the address percent-encoded, as form bodies and query strings carry it (email-spellings.ts).
// Each body is turned into text once (LATERAL … OFFSET 0 keeps PostgreSQL from copying the expression
// into both matches), then searched for both spellings: the conversion is most of the scan's cost.
// Compressed bodies that mention nobody readable are caught through their normalized fields.
const SCRUB_MENTIONING = `UPDATE delivery SET body = NULL, headers = '{}', query = NULL, normalized = NULL,
    field_sources = NULL, reason = 'erased on request'
  WHERE id IN (
    SELECT d.id FROM delivery d, LATERAL (SELECT ${bytesAsLowerText('d.body')} AS text OFFSET 0) body
    WHERE strpos(lower(coalesce(d.normalized, '') COLLATE "C"), $1) > 0
       OR strpos(lower(coalesce(d.query, '') COLLATE "C"), $1) > 0
       OR strpos(lower(d.headers COLLATE "C"), $1) > 0
       OR strpos(lower(coalesce(d.query, '') COLLATE "C"), $2) > 0
       OR strpos(body.text, ${EMAIL_AS_BODY_TEXT}) > 0
       OR strpos(body.text, $2) > 0)`;
const UNLINK_CONVERSIONS = `UPDATE delivery SET conversion_id = NULL
  WHERE conversion_id IN (SELECT id FROM conversion WHERE email = $1)`;
const DELETE_CONVERSIONS = 'DELETE FROM conversion WHERE email = $1';

const PURGE_BODIES = `UPDATE delivery SET body = NULL, headers = '{}', query = NULL, normalized = NULL,
    field_sources = NULL
  WHERE received_at < $1 AND (body IS NOT NULL OR headers != '{}' OR normalized IS NOT NULL)`;
const PURGE_KEYS = 'DELETE FROM dedupe_key WHERE first_seen_at < $1';

const maintenance = { statementTimeoutMs: MAINTENANCE_STATEMENT_TIMEOUT_MS };

// Replays. The delivery row is locked first, so two replays of one delivery never make two conversions.
const SELECT_FOR_REDERIVE = 'SELECT * FROM delivery WHERE id = $1 FOR UPDATE';
const SELECT_CONVERSION_ID = 'SELECT id FROM conversion WHERE id = $1';
const NEXT_CONVERSION_ID = `SELECT nextval(pg_get_serial_sequence('conversion', 'id')) AS id`;
// The claim succeeds for a new key, a key this conversion holds (its first sighting kept), or one
// older than the window ($5); no row back = another conversion holds it: a duplicate.
const CLAIM_KEY = `INSERT INTO dedupe_key (notification_id, key, first_seen_at, conversion_id)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (notification_id, key) DO UPDATE
    SET first_seen_at = CASE WHEN dedupe_key.conversion_id = excluded.conversion_id
        THEN dedupe_key.first_seen_at ELSE excluded.first_seen_at END,
      conversion_id = excluded.conversion_id
    WHERE dedupe_key.conversion_id = excluded.conversion_id OR dedupe_key.first_seen_at <= $5
  RETURNING 1`;
const KEY_FIRST_SEEN = 'SELECT first_seen_at FROM dedupe_key WHERE notification_id = $1 AND key = $2';
const UPDATE_CONVERSION = `UPDATE conversion SET (${CONVERSION_FIELD_COLUMNS}) =
    ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
  WHERE id = $1 RETURNING *`;
const INSERT_CONVERSION = `INSERT INTO conversion (id, notification_id, site_id, delivery_id, received_at,
    ${CONVERSION_FIELD_COLUMNS})
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
    $24, $25, $26)
  RETURNING *`;
const UPDATE_DELIVERY = `UPDATE delivery SET outcome = $2, reason = $3, dedupe_key = $4, body_format = $5,
    normalized = $6, field_sources = $7, conversion_id = $8
  WHERE id = $1 RETURNING *`;

async function rederive(client: Queryable, id: number, input: DeliveryRecord): Promise<RederiveResult | undefined> {
  const current = await queryRow<DeliveryRow>(client, SELECT_FOR_REDERIVE, [id]);
  if (!current) return undefined;
  const own =
    current.conversion_id === null
      ? undefined
      : await queryRow<{ id: number }>(client, SELECT_CONVERSION_ID, [current.conversion_id]);
  let outcome: RederiveResult['outcome'] = input.outcome;
  let reason = input.reason;
  let conversion: ConversionRow | undefined;
  if (input.conversion) {
    const conversionId = own?.id ?? (await queryRow<{ id: number }>(client, NEXT_CONVERSION_ID))?.id;
    const key = input.dedupeKey;
    const claimed =
      key === null ||
      (await execute(client, CLAIM_KEY, [
        input.notificationId,
        key,
        input.receivedAt,
        conversionId,
        input.receivedAt - DEDUPE_WINDOW_MS,
      ])) > 0;
    if (!claimed && key !== null) {
      const seen = await queryRow<{ first_seen_at: number }>(client, KEY_FIRST_SEEN, [input.notificationId, key]);
      outcome = 'duplicate';
      reason = duplicateReason(seen?.first_seen_at ?? input.receivedAt, key);
    } else {
      const fields = conversionFieldParams(input.conversion, key);
      conversion = own
        ? await queryRow<ConversionRow>(client, UPDATE_CONVERSION, [own.id, ...fields])
        : await queryRow<ConversionRow>(client, INSERT_CONVERSION, [
            conversionId,
            input.notificationId,
            input.siteId,
            id,
            input.receivedAt,
            ...fields,
          ]);
    }
  }
  if (!conversion && own) reason = keptConversionReason(reason, own.id);
  const updated = await queryRow<DeliveryRow>(client, UPDATE_DELIVERY, [
    id,
    outcome,
    reason,
    input.dedupeKey,
    input.bodyFormat,
    input.normalized && JSON.stringify(input.normalized),
    input.fieldSources && JSON.stringify(input.fieldSources),
    conversion?.id ?? own?.id ?? null,
  ]);
  return {
    delivery: toDelivery(updated as DeliveryRow),
    outcome,
    conversion: conversion ? toConversion(conversion) : null,
  };
}

export function createPgDeliveryRepository(pool: pg.Pool): DeliveryRepository {
  return {
    ...createPgDeliveryLogSize(pool),
    ...createPgDeliverySearch(pool),
    record: createPgRecordDelivery(pool),
    async find(id) {
      const row = await queryRow<DeliveryRow>(pool, SELECT_BY_ID, [id]);
      return row && toDelivery(row);
    },
    async rederive(id, input) {
      return withTransaction(pool, (client) => rederive(client, id, input));
    },
    async countSince(notificationId, since) {
      return (await queryRow<DeliveryCounts>(pool, COUNT_SINCE, [notificationId, since])) as DeliveryCounts;
    },
    async dailyCounts(notificationId, since) {
      return queryRows<DailyDeliveryCounts>(pool, DAILY_COUNTS, [notificationId, since]);
    },
    async erasePerson(email) {
      const needle = email.trim().toLowerCase();
      return withTransaction(
        pool,
        async (client) => {
          const deliveries = await execute(client, SCRUB_MENTIONING, [needle, percentEncodedEmail(needle)]);
          await execute(client, UNLINK_CONVERSIONS, [needle]);
          const conversions = await execute(client, DELETE_CONVERSIONS, [needle]);
          return { conversions, deliveries };
        },
        maintenance,
      );
    },
    async purgeBodiesBefore(before) {
      return withTransaction(pool, (client) => execute(client, PURGE_BODIES, [before]), maintenance);
    },
    async purgeDedupeKeysBefore(before) {
      return withTransaction(pool, (client) => execute(client, PURGE_KEYS, [before]), maintenance);
    },
  };
}
