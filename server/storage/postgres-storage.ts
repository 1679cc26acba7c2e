// The Storage interface over PostgreSQL, for running several Proofhook processes against one database.
import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { Storage } from './storage.ts';
import { createPgConversionRepository } from '../conversions/conversion.postgres.ts';
import { createPostgresProductCounts } from '../conversions/product-counts.postgres.ts';
import { createPgDeliveryRepository } from '../deliveries/delivery.postgres.ts';
import { createPgGoalRepository } from '../goals/goal.postgres.ts';
import { createPgNotificationRepository } from '../notifications/notification.postgres.ts';
import { queryRow } from '../db/postgres/pg-query.ts';
import { createPgSettingRepository } from '../settings/setting.postgres.ts';
import { createPgSiteRepository } from '../notifications/site.postgres.ts';
import { createPgWidgetStatRepository } from '../stats/widget-stat.postgres.ts';

// A hot standby answers SELECT 1 but refuses every write, which the webhook route must report as 503.
const PING = `SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on' AS read_only`;

export function createPostgresStorage(pool: pg.Pool, clock: Clock): Storage {
  return {
    sites: createPgSiteRepository(pool, clock),
    notifications: createPgNotificationRepository(pool, clock),
    conversions: createPgConversionRepository(pool),
    deliveries: createPgDeliveryRepository(pool),
    widgetStats: createPgWidgetStatRepository(pool),
    settings: createPgSettingRepository(pool),
    goals: createPgGoalRepository(pool),
    productCounts: createPostgresProductCounts(pool),
    async ping() {
      const row = await queryRow<{ read_only: boolean }>(pool, PING);
      if (row?.read_only) throw new Error('PostgreSQL is read-only (a standby, or default_transaction_read_only)');
    },
  };
}
