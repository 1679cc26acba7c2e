// SQLite product counts over the indexed product_path column (server/db/migrations/0005).
import type { SqliteDatabase } from '../db/open-database.ts';
import type { ProductCounts } from './product-counts.ts';

/** Exported for the test that checks it is an index range scan. */
export const PRODUCT_COUNT_SQL = `SELECT count(*) AS n FROM conversion
  WHERE notification_id = :notificationId AND product_path = :path AND received_at >= :since`;

export function createSqliteProductCounts(db: SqliteDatabase): ProductCounts {
  const countSince = db.prepare<{ notificationId: number; path: string; since: number }, { n: number }>(
    PRODUCT_COUNT_SQL,
  );
  return {
    async countSince(notificationId, path, since) {
      return countSince.get({ notificationId, path, since })?.n ?? 0;
    },
  };
}
