// The narrow storage interface every feature talks to, and its embedded SQLite implementation.
import type { Clock } from '../clock.ts';
import { createConversionRepository } from '../conversions/conversion.sqlite.ts';
import type { ConversionRepository } from '../conversions/conversion.types.ts';
import type { ProductCounts } from '../conversions/product-counts.ts';
import { createSqliteProductCounts } from '../conversions/product-counts.sqlite.ts';
import type { GroupCommitDeps } from '../db/group-commit.ts';
import type { SqliteDatabase } from '../db/open-database.ts';
import { createDeliveryRepository } from '../deliveries/delivery.sqlite.ts';
import type { DeliveryRepository } from '../deliveries/delivery.types.ts';
import { createGoalRepository } from '../goals/goal.sqlite.ts';
import type { GoalRepository } from '../goals/goal.types.ts';
import { createNotificationRepository } from '../notifications/notification.sqlite.ts';
import type { NotificationRepository } from '../notifications/notification.types.ts';
import { createNotificationCache } from '../notifications/notification-cache.ts';
import { createSiteRepository } from '../notifications/site.sqlite.ts';
import type { SiteRepository } from '../notifications/site.types.ts';
import { createSettingRepository } from '../settings/setting.sqlite.ts';
import type { SettingRepository } from '../settings/setting.types.ts';
import { type WidgetStatRepository, createWidgetStatRepository } from '../stats/widget-stat.sqlite.ts';

export interface Storage {
  sites: SiteRepository;
  notifications: NotificationRepository;
  conversions: ConversionRepository;
  deliveries: DeliveryRepository;
  widgetStats: WidgetStatRepository;
  settings: SettingRepository;
  /** Daily goal aggregates per site and exposure group (docs/goals.md). */
  goals: GoalRepository;
  /** Product counters' counts per product page (docs/design.md); a storage without it counts none. */
  productCounts?: ProductCounts;
  /** Resolves when storage can take writes; rejects with the reason otherwise. */
  ping(): Promise<void>;
}

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
