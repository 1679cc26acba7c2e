// SQLite reads of conversions: admin listing, widget backfill, counters.
import type { SqliteDatabase } from '../db/open-database.ts';
import { type ConversionRow, containsPattern, toConversion } from './conversion.rows.ts';
import type { ConversionRepository } from './conversion.types.ts';

export function createConversionRepository(db: SqliteDatabase): ConversionRepository {
  const selectById = db.prepare<{ id: number }, ConversionRow>('SELECT * FROM conversion WHERE id = :id');
  const selectPage = db.prepare<{ notificationId: number; beforeId: number; limit: number }, ConversionRow>(
    `SELECT * FROM conversion WHERE notification_id = :notificationId AND id < :beforeId
     ORDER BY id DESC LIMIT :limit`,
  );
  const selectPageByEmail = db.prepare<
    { notificationId: number; beforeId: number; limit: number; email: string },
    ConversionRow
  >(
    `SELECT * FROM conversion WHERE notification_id = :notificationId AND id < :beforeId AND email = :email
     ORDER BY id DESC LIMIT :limit`,
  );
  const selectPageByText = db.prepare<
    { notificationId: number; beforeId: number; limit: number; pattern: string },
    ConversionRow
  >(
    `SELECT * FROM conversion WHERE notification_id = :notificationId AND id < :beforeId AND (
       email LIKE :pattern ESCAPE '\\' OR first_name LIKE :pattern ESCAPE '\\' OR last_name LIKE :pattern ESCAPE '\\'
       OR (first_name || ' ' || last_name) LIKE :pattern ESCAPE '\\' OR product_name LIKE :pattern ESCAPE '\\'
       OR city LIKE :pattern ESCAPE '\\' OR state LIKE :pattern ESCAPE '\\' OR country LIKE :pattern ESCAPE '\\')
     ORDER BY id DESC LIMIT :limit`,
  );
  // json_each lets one prepared statement take any number of notification ids.
  const selectRecent = db.prepare<{ ids: string; since: number; afterId: number; limit: number }, ConversionRow>(
    `SELECT * FROM conversion
     WHERE notification_id IN (SELECT value FROM json_each(:ids)) AND occurred_at >= :since AND id > :afterId
     ORDER BY id DESC LIMIT :limit`,
  );
  const countSince = db.prepare<{ notificationId: number; since: number }, { n: number }>(
    'SELECT count(*) AS n FROM conversion WHERE notification_id = :notificationId AND received_at >= :since',
  );

  const unlinkOld = db.prepare<{ before: number }>(
    `UPDATE delivery SET conversion_id = NULL
     WHERE conversion_id IN (SELECT id FROM conversion WHERE occurred_at < :before)`,
  );
  const deleteOld = db.prepare<{ before: number }>('DELETE FROM conversion WHERE occurred_at < :before');
  const purgeTx = db.transaction((before: number) => {
    unlinkOld.run({ before });
    return deleteOld.run({ before }).changes;
  });

  return {
    async purgeBefore(before) {
      return purgeTx(before);
    },
    async find(id) {
      const row = selectById.get({ id });
      return row && toConversion(row);
    },
    async listByNotification(notificationId, query) {
      const params = { notificationId, beforeId: query.beforeId ?? Number.MAX_SAFE_INTEGER, limit: query.limit };
      const text = query.text?.trim();
      const rows = query.email
        ? selectPageByEmail.all({ ...params, email: query.email.trim().toLowerCase() })
        : text
          ? selectPageByText.all({ ...params, pattern: containsPattern(text) })
          : selectPage.all(params);
      return rows.map(toConversion);
    },
    async listRecent(query) {
      if (query.notificationIds.length === 0 || query.limit <= 0) return [];
      return selectRecent
        .all({
          ids: JSON.stringify(query.notificationIds),
          since: query.since,
          afterId: query.afterId ?? 0,
          limit: query.limit,
        })
        .map(toConversion);
    },
    async countSince(notificationId, since) {
      return countSince.get({ notificationId, since })?.n ?? 0;
    },
  };
}
