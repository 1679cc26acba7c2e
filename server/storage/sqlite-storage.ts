// The embedded SQLite storage: each feature's SQLite repository over one database.
import type { Clock } from '../clock.ts';
import { createConversionRepository } from '../conversions/conversion.sqlite.ts';
import { createSqliteProductCounts } from '../conversions/product-counts.sqlite.ts';
import type { GroupCommitDeps } from '../db/group-commit.ts';
import type { SqliteDatabase } from '../db/open-database.ts';
import { createDeliveryRepository } from '../deliveries/delivery.sqlite.ts';
import { createGoalRepository } from '../goals/goal.sqlite.ts';
import { createNotificationCache } from '../notifications/notification-cache.ts';
import { createNotificationRepository } from '../notifications/notification.sqlite.ts';
import { createSiteRepository } from '../notifications/site.sqlite.ts';
import { createSettingRepository } from '../settings/setting.sqlite.ts';
import { createWidgetStatRepository } from '../stats/widget-stat.sqlite.ts';
import type { Storage } from './storage.ts';

/** `commit.onBatch` hears the size of each group-commit batch (the metrics). */
export function createSqliteStorage(db: SqliteDatabase, clock: Clock, commit: GroupCommitDeps = {}): Storage {
  const ping = db.prepare('SELECT 1');
  const notificationCache = createNotificationCache(db);
  return {
    sites: createSiteRepository(db, clock, notificationCache),
    notifications: createNotificationRepository(db, clock, notificationCache),
    conversions: createConversionRepository(db),
    deliveries: createDeliveryRepository(db, commit),
    widgetStats: createWidgetStatRepository(db),
    settings: createSettingRepository(db),
    goals: createGoalRepository(db),
    productCounts: createSqliteProductCounts(db),
    async ping() {
      ping.get();
    },
  };
}
