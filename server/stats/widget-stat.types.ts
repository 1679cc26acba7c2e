// Impressions, clicks and dismisses per notification per UTC day, on either backend.
import type { WidgetStatType } from '../../shared/protocol.ts';

export interface WidgetStatTotals {
  impressions: number;
  clicks: number;
  dismisses: number;
}

export interface WidgetStatRepository {
  record(notificationId: number, type: WidgetStatType, at: number): Promise<void>;
  /** Totals over the UTC days from `sinceDay` (YYYY-MM-DD) on. */
  sumSince(notificationId: number, sinceDay: string): Promise<WidgetStatTotals>;
  daily(notificationId: number, sinceDay: string): Promise<Array<WidgetStatTotals & { day: string }>>;
}

export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
