// A product page's count is one index range scan on both backends (migrations 0005), not a walk over
// every conversion of the notification.
import { describe, expect, test } from 'vitest';
import { PRODUCT_COUNT_SQL as POSTGRES_SQL } from '../../server/conversions/product-counts.postgres.ts';
import { PRODUCT_COUNT_SQL as SQLITE_SQL } from '../../server/conversions/product-counts.sqlite.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import { createTestSchema, skipWithoutPostgres } from '../support/postgres.ts';

describe('the product count query', () => {
  test('SQLite counts through the conversion_product_path index', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${SQLITE_SQL}`)
      .all({ notificationId: 1, path: '/sneakers', since: 0 }) as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join('\n')).toMatch(
      /SEARCH conversion USING (COVERING )?INDEX conversion_product_path \(notification_id=\? AND product_path=\? AND received_at>\?\)/,
    );
    db.close();
  });

  test.skipIf(skipWithoutPostgres('product count index'))(
    'PostgreSQL counts through its expression index',
    async () => {
      const schema = await createTestSchema();
      try {
        const client = await schema.pool.connect();
        try {
          // On an empty table a sequential scan is cheapest; forbidding it shows whether the index fits.
          await client.query('SET enable_seqscan = off');
          const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${POSTGRES_SQL}`, [1, '/sneakers', 0]);
          expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/conversion_product_path/);
        } finally {
          client.release();
        }
      } finally {
        await schema.drop();
      }
    },
  );
});
