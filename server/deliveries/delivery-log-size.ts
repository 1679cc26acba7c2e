// The delivery log's size per site, and its oldest-first trim (see retention/delivery-log-budget.ts):
// the SQL both backends share, and SQLite's statements. A trimmed delivery keeps its row (time,
// outcome, reason, size) and loses the stored request, as after the retention purge, with a note.
import type { SqliteDatabase } from '../db/open-database.ts';
import type { DeliveryRepository } from './delivery.types.ts';

export const TRIMMED_NOTE = "request dropped: the site's delivery log was over its storage budget";

/** A row still holding some of its request: only those count, and only those are trimmed. */
export const HOLDS_REQUEST = "(body IS NOT NULL OR headers <> '{}' OR query IS NOT NULL OR normalized IS NOT NULL)";

/** The stored request's size in one row, given each backend's byte-length function. */
export const storedBytesExpression = (length: string) =>
  `coalesce(${length}(body), 0) + ${length}(headers) + coalesce(${length}(query), 0)
    + coalesce(${length}(normalized), 0) + coalesce(${length}(field_sources), 0)`;

const NOTE_LITERAL = `'${TRIMMED_NOTE.replaceAll("'", "''")}'`;
export const TRIM_SET = `body = NULL, headers = '{}', query = NULL, normalized = NULL, field_sources = NULL,
    reason = CASE WHEN reason IS NULL THEN ${NOTE_LITERAL} ELSE reason || '; ' || ${NOTE_LITERAL} END`;

type DeliveryLogSize = Pick<DeliveryRepository, 'storedBytesOfSite' | 'trimOldestOfSite'>;

export function createSqliteDeliveryLogSize(db: SqliteDatabase): DeliveryLogSize {
  const siteRows = `SELECT id, ${storedBytesExpression('length')} AS stored FROM delivery
    WHERE notification_id IN (SELECT id FROM notification WHERE site_id = :siteId) AND ${HOLDS_REQUEST}`;
  const total = db.prepare<{ siteId: number }, number>(`SELECT coalesce(sum(stored), 0) FROM (${siteRows})`).pluck();
  // Oldest first (ids grow with arrival): every row whose predecessors hold less than the bytes asked for.
  const trim = db.prepare<{ siteId: number; bytes: number }>(
    `WITH running AS (SELECT id, sum(stored) OVER (ORDER BY id) - stored AS before FROM (${siteRows}))
     UPDATE delivery SET ${TRIM_SET}
     WHERE id IN (SELECT id FROM running WHERE before < :bytes) AND ${HOLDS_REQUEST}`,
  );
  return {
    async storedBytesOfSite(siteId) {
      return total.get({ siteId }) as number;
    },
    async trimOldestOfSite(siteId, bytes) {
      return trim.run({ siteId, bytes }).changes;
    },
  };
}
