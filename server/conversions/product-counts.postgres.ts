// PostgreSQL product counts over the expression index of server/db/postgres/migrations/0005.
import type pg from 'pg';
import { queryRow } from '../db/postgres/pg-query.ts';
import type { ProductCounts } from './product-counts.ts';

// The path expression is the index's, word for word: PostgreSQL uses an expression index only for the
// same expression. `product_link IS NOT NULL` matches the index's WHERE.
/** Exported for the test that checks it uses the index. */
export const PRODUCT_COUNT_SQL = `SELECT count(*)::int AS n FROM conversion
  WHERE notification_id = $1
    AND rtrim(regexp_replace(product_link, '^[^/?#]*://[^/?#]*|[?#].*$', '', 'g'), '/') = $2
    AND received_at >= $3 AND product_link IS NOT NULL`;

export function createPostgresProductCounts(pool: pg.Pool): ProductCounts {
  return {
    async countSince(notificationId, path, since) {
      return (await queryRow<{ n: number }>(pool, PRODUCT_COUNT_SQL, [notificationId, path, since]))?.n ?? 0;
    },
  };
}
