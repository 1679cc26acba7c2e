// PostgreSQL's delivery log size per site and its oldest-first trim (the SQL is shared with SQLite in
// deliveries/delivery-log-size.ts). Both read every delivery of the site, so they get the maintenance
// statement timeout, not the webhook's.
import type pg from 'pg';
import { HOLDS_REQUEST, TRIM_SET, storedBytesExpression } from './delivery-log-size.ts';
import type { DeliveryRepository } from './delivery.types.ts';
import { execute, queryRow } from '../db/postgres/pg-query.ts';
import { MAINTENANCE_STATEMENT_TIMEOUT_MS, withTransaction } from '../db/postgres/pg-transaction.ts';

// octet_length reads a stored value's size from its header, without fetching the value.
const SITE_ROWS = `SELECT delivery.id, ${storedBytesExpression('octet_length')} AS stored
  FROM delivery JOIN notification ON notification.id = delivery.notification_id
  WHERE notification.site_id = $1 AND ${HOLDS_REQUEST}`;
const TOTAL = `SELECT coalesce(sum(stored), 0)::bigint AS total FROM (${SITE_ROWS}) AS site_rows`;
// Oldest first (ids grow with arrival). The condition is repeated on the target row, so a row another
// process trimmed meanwhile is left alone (PostgreSQL re-checks it after waiting for that row's lock).
const TRIM = `WITH running AS (
    SELECT id, sum(stored) OVER (ORDER BY id) - stored AS before FROM (${SITE_ROWS}) AS site_rows
  )
  UPDATE delivery SET ${TRIM_SET}
  WHERE id IN (SELECT id FROM running WHERE before < $2) AND ${HOLDS_REQUEST}`;

const maintenance = { statementTimeoutMs: MAINTENANCE_STATEMENT_TIMEOUT_MS };

export function createPgDeliveryLogSize(
  pool: pg.Pool,
): Pick<DeliveryRepository, 'storedBytesOfSite' | 'trimOldestOfSite'> {
  return {
    async storedBytesOfSite(siteId) {
      const row = await withTransaction(
        pool,
        (client) => queryRow<{ total: string }>(client, TOTAL, [siteId]),
        maintenance,
      );
      return Number(row?.total ?? 0);
    },
    async trimOldestOfSite(siteId, bytes) {
      return withTransaction(pool, (client) => execute(client, TRIM, [siteId, bytes]), maintenance);
    },
  };
}
