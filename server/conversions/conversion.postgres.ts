// PostgreSQL reads of conversions: admin listing, widget backfill, counters, retention.
import type pg from 'pg';
import { type ConversionRow, containsPattern, toConversion } from './conversion.rows.ts';
import type { ConversionRepository } from './conversion.types.ts';
import { queryRow, queryRows } from '../db/postgres/pg-query.ts';
import { MAINTENANCE_STATEMENT_TIMEOUT_MS, withTransaction } from '../db/postgres/pg-transaction.ts';

const SELECT_BY_ID = 'SELECT * FROM conversion WHERE id = $1';
const SELECT_PAGE = `SELECT * FROM conversion WHERE notification_id = $1 AND id < $2
  ORDER BY id DESC LIMIT $3`;
const SELECT_PAGE_BY_EMAIL = `SELECT * FROM conversion WHERE notification_id = $1 AND id < $2 AND email = $4
  ORDER BY id DESC LIMIT $3`;
// ILIKE: any case, in any alphabet; the pattern's own backslash escapes its % and _.
const SELECT_PAGE_BY_TEXT = `SELECT * FROM conversion WHERE notification_id = $1 AND id < $2 AND (
    email ILIKE $4 OR first_name ILIKE $4 OR last_name ILIKE $4 OR (first_name || ' ' || last_name) ILIKE $4
    OR product_name ILIKE $4 OR city ILIKE $4 OR state ILIKE $4 OR country ILIKE $4)
  ORDER BY id DESC LIMIT $3`;
// = ANY($1) takes the whole id list as one array parameter.
const SELECT_RECENT = `SELECT * FROM conversion
  WHERE notification_id = ANY($1::bigint[]) AND occurred_at >= $2 AND id > $3
  ORDER BY id DESC LIMIT $4`;
const COUNT_SINCE = 'SELECT count(*) AS n FROM conversion WHERE notification_id = $1 AND received_at >= $2';
// One statement deletes the conversions and unlinks their deliveries, so no delivery points at a gone row.
const PURGE = `WITH gone AS (DELETE FROM conversion WHERE occurred_at < $1 RETURNING id),
    unlinked AS (UPDATE delivery SET conversion_id = NULL WHERE conversion_id IN (SELECT id FROM gone))
  SELECT count(*) AS n FROM gone`;

export function createPgConversionRepository(pool: pg.Pool): ConversionRepository {
  return {
    async purgeBefore(before) {
      const row = await withTransaction(pool, (client) => queryRow<{ n: number }>(client, PURGE, [before]), {
        statementTimeoutMs: MAINTENANCE_STATEMENT_TIMEOUT_MS,
      });
      return row?.n ?? 0;
    },
    async find(id) {
      const row = await queryRow<ConversionRow>(pool, SELECT_BY_ID, [id]);
      return row && toConversion(row);
    },
    async listByNotification(notificationId, query) {
      const params = [notificationId, query.beforeId ?? Number.MAX_SAFE_INTEGER, query.limit];
      const text = query.text?.trim();
      const rows = query.email
        ? await queryRows<ConversionRow>(pool, SELECT_PAGE_BY_EMAIL, [...params, query.email.trim().toLowerCase()])
        : text
          ? await queryRows<ConversionRow>(pool, SELECT_PAGE_BY_TEXT, [...params, containsPattern(text)])
          : await queryRows<ConversionRow>(pool, SELECT_PAGE, params);
      return rows.map(toConversion);
    },
    async listRecent(query) {
      if (query.notificationIds.length === 0 || query.limit <= 0) return [];
      const rows = await queryRows<ConversionRow>(pool, SELECT_RECENT, [
        query.notificationIds,
        query.since,
        query.afterId ?? 0,
        query.limit,
      ]);
      return rows.map(toConversion);
    },
    async countSince(notificationId, since) {
      return (await queryRow<{ n: number }>(pool, COUNT_SINCE, [notificationId, since]))?.n ?? 0;
    },
  };
}
