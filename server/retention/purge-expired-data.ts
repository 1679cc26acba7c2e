// Data retention: raw delivery bodies go after RETENTION_BODY_DAYS; conversions (when
// RETENTION_CONVERSION_DAYS is set) go once they are older than that AND than the longest window
// any notification still displays, so a purge never empties a popup or a counter.
import { DEDUPE_WINDOW_MS } from '../deliveries/delivery.sqlite.ts';
import { withDisplayDefaults } from '../notifications/display-rules.ts';
import type { Storage } from '../storage/storage.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionSettings {
  /** Days to keep raw delivery bodies, headers and normalized fields. */
  bodyDays: number;
  /** Days to keep conversions; 0 keeps them forever. */
  conversionDays: number;
}

export interface PurgeReport {
  deliveryBodies: number;
  conversions: number;
  dedupeKeys: number;
}

/** The longest history or counter window any live notification uses. */
export async function longestDisplayWindowMs(storage: Storage): Promise<number> {
  let longest = 0;
  for (const site of await storage.sites.list()) {
    for (const notification of await storage.notifications.listBySite(site.id)) {
      const rules = withDisplayDefaults(notification.display);
      longest = Math.max(longest, rules.historyMaxAgeMs, rules.counterWindowMs);
    }
  }
  return longest;
}

export async function purgeExpiredData(
  storage: Storage,
  now: number,
  settings: RetentionSettings,
): Promise<PurgeReport> {
  const deliveryBodies = await storage.deliveries.purgeBodiesBefore(now - settings.bodyDays * DAY_MS);
  let conversions = 0;
  if (settings.conversionDays > 0) {
    const keepMs = Math.max(settings.conversionDays * DAY_MS, await longestDisplayWindowMs(storage));
    conversions = await storage.conversions.purgeBefore(now - keepMs);
  }
  const dedupeKeys = await storage.deliveries.purgeDedupeKeysBefore(now - DEDUPE_WINDOW_MS);
  return { deliveryBodies, conversions, dedupeKeys };
}
