// PostgreSQL deliveries: the ingest transaction, inspector reads, counters, erasure and retention.
import type pg from 'pg';
import type { DailyDeliveryCounts, DeliveryCounts, DeliveryRepository } from '../../ingest/delivery.types.ts';
import { type DeliveryRow, toDelivery } from '../../ingest/delivery.rows.ts';
import { execute, queryRow, queryRows } from './pg-query.ts';
import { MAINTENANCE_STATEMENT_TIMEOUT_MS, withTransaction } from './pg-transaction.ts';
import { createPgRecordDelivery } from './record-delivery.ts';

const SELECT_BY_ID = 'SELECT * FROM delivery WHERE id = $1';
const SELECT_PAGE = `SELECT * FROM delivery WHERE notification_id = $1 AND id < $2
  ORDER BY id DESC LIMIT $3`;
const OUTCOME_COUNTS = `count(*) AS deliveries,
    count(*) FILTER (WHERE outcome = 'accepted') AS accepted,
    count(*) FILTER (WHERE outcome = 'duplicate') AS duplicate,
    count(*) FILTER (WHERE outcome = 'ignored') AS ignored,
    count(*) FILTER (WHERE outcome = 'unparsed') AS unparsed,
    count(*) FILTER (WHERE outcome = 'rejected') AS rejected,
    count(*) FILTER (WHERE outcome = 'unverified') AS unverified`;
const COUNT_SINCE = `SELECT ${OUTCOME_COUNTS} FROM delivery WHERE notification_id = $1 AND received_at >= $2`;
// Whole seconds, then the UTC calendar day, as SQLite's strftime('%Y-%m-%d', ms / 1000, 'unixepoch').
const DAILY_COUNTS = `SELECT to_char(to_timestamp(received_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
    ${OUTCOME_COUNTS}
  FROM delivery WHERE notification_id = $1 AND received_at >= $2
  GROUP BY 1 ORDER BY 1`;

// SQLite finds the email with instr(lower(CAST(body AS TEXT)), email): a byte search that folds ASCII
// letters only, whatever the body's charset or compression. The same here: every byte becomes the
// LATIN1 character of that number (a one-to-one map, so byte and character positions match), and
// lower() under the "C" collation folds A-Z only. LATIN1 has no character for byte 0, so the escape
// encoding carries the bytes across: its doubled backslashes go first, so that every backslash left
// starts a \nnn escape and \000 (a NUL, never part of an email) can become \040 (a space).
// https://www.postgresql.org/docs/current/functions-binarystring.html#FUNCTION-ENCODE
const BODY_AS_TEXT = String.raw`lower(convert_from(decode(replace(replace(encode(body, 'escape'), E'\\\\', E'\\134'),
    E'\\000', E'\\040'), 'escape'), 'LATIN1') COLLATE "C")`;
const EMAIL_AS_BODY_TEXT = `convert_from(convert_to($1, 'UTF8'), 'LATIN1')`;
// Compressed bodies that mention nobody readable are caught through their normalized fields.
const SCRUB_MENTIONING = `UPDATE delivery SET body = NULL, headers = '{}', query = NULL, normalized = NULL,
    field_sources = NULL, reason = 'erased on request'
  WHERE strpos(lower(coalesce(normalized, '') COLLATE "C"), $1) > 0
     OR strpos(lower(coalesce(query, '') COLLATE "C"), $1) > 0
     OR strpos(lower(headers COLLATE "C"), $1) > 0
     OR strpos(${BODY_AS_TEXT}, ${EMAIL_AS_BODY_TEXT}) > 0`;
const UNLINK_CONVERSIONS = `UPDATE delivery SET conversion_id = NULL
  WHERE conversion_id IN (SELECT id FROM conversion WHERE email = $1)`;
const DELETE_CONVERSIONS = 'DELETE FROM conversion WHERE email = $1';

const PURGE_BODIES = `UPDATE delivery SET body = NULL, headers = '{}', query = NULL, normalized = NULL,
    field_sources = NULL
  WHERE received_at < $1 AND (body IS NOT NULL OR headers != '{}' OR normalized IS NOT NULL)`;
const PURGE_KEYS = 'DELETE FROM dedupe_key WHERE first_seen_at < $1';

const maintenance = { statementTimeoutMs: MAINTENANCE_STATEMENT_TIMEOUT_MS };

export function createPgDeliveryRepository(pool: pg.Pool): DeliveryRepository {
  return {
    record: createPgRecordDelivery(pool),
    async find(id) {
      const row = await queryRow<DeliveryRow>(pool, SELECT_BY_ID, [id]);
      return row && toDelivery(row);
    },
    async listByNotification(notificationId, query) {
      const rows = await queryRows<DeliveryRow>(pool, SELECT_PAGE, [
        notificationId,
        query.beforeId ?? Number.MAX_SAFE_INTEGER,
        query.limit,
      ]);
      return rows.map(toDelivery);
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
          const deliveries = await execute(client, SCRUB_MENTIONING, [needle]);
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
