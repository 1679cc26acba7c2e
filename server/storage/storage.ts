// The narrow storage interface every feature talks to; sqlite-storage.ts and postgres-storage.ts
// build it from each feature's repositories.
import type { SessionStore } from '../auth/session-store.ts';
import type { ConversionRepository } from '../conversions/conversion.types.ts';
import type { ProductCounts } from '../conversions/product-counts.ts';
import type { DeliveryRepository } from '../deliveries/delivery.types.ts';
import type { GoalRepository } from '../goals/goal.types.ts';
import type { NotificationRepository } from '../notifications/notification.types.ts';
import type { SiteRepository } from '../notifications/site.types.ts';
import type { SettingRepository } from '../settings/setting.types.ts';
import type { WidgetStatRepository } from '../stats/widget-stat.types.ts';

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

/** What opening the configured backend gives index.ts (see open-storage.ts). */
export interface OpenedStorage {
  storage: Storage;
  /** Undefined: admin sessions stay in this process's memory (SQLite, one process). */
  sessions?: SessionStore;
  /** For the log line at start, without credentials. */
  kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}
