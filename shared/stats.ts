// Types only: a notification's numbers as the admin API returns them (server/stats/stats.routes.ts).
import type { DeliveryCounts } from './deliveries.ts';

export interface WidgetStatTotals {
  impressions: number;
  clicks: number;
  dismisses: number;
}

export const STATS_WINDOW_NAMES = ['1h', '24h', '7d', '30d'] as const;
export type StatsWindowName = (typeof STATS_WINDOW_NAMES)[number];

export interface WindowStats extends DeliveryCounts, WidgetStatTotals {
  conversions: number;
  /** clicks / impressions; null without impressions. */
  clickThroughRate: number | null;
}

/** GET /api/notifications/:id/stats. */
export interface StatsReport {
  notificationId: number;
  at: number;
  windows: Record<StatsWindowName, WindowStats>;
}

export interface DailyStats extends WidgetStatTotals {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  deliveries: number;
  accepted: number;
  ignored: number;
}

/** GET /api/notifications/:id/stats/daily: one row per UTC day, oldest first. */
export interface DailyStatsReport {
  notificationId: number;
  days: DailyStats[];
}
