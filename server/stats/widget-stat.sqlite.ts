// Impressions, clicks and dismisses per notification per UTC day (SQLite).
import type { WidgetStatType } from '../../shared/protocol.ts';
import type { SqliteDatabase } from '../db/open-database.ts';
import { type WidgetStatRepository, type WidgetStatTotals, utcDay } from './widget-stat.types.ts';

const COLUMN: Record<WidgetStatType, 'impressions' | 'clicks' | 'dismisses'> = {
  impression: 'impressions',
  click: 'clicks',
  dismiss: 'dismisses',
};

export function createWidgetStatRepository(db: SqliteDatabase): WidgetStatRepository {
  // One statement per column: column names cannot be bound parameters.
  const increments = Object.fromEntries(
    Object.entries(COLUMN).map(([type, column]) => [
      type,
      db.prepare<{ notificationId: number; day: string }>(
        `INSERT INTO widget_stat (notification_id, day, ${column}) VALUES (:notificationId, :day, 1)
         ON CONFLICT (notification_id, day) DO UPDATE SET ${column} = ${column} + 1`,
      ),
    ]),
  ) as Record<WidgetStatType, ReturnType<SqliteDatabase['prepare']>>;
  const sum = db.prepare<{ notificationId: number; sinceDay: string }, WidgetStatTotals>(
    `SELECT coalesce(sum(impressions), 0) AS impressions, coalesce(sum(clicks), 0) AS clicks,
       coalesce(sum(dismisses), 0) AS dismisses
     FROM widget_stat WHERE notification_id = :notificationId AND day >= :sinceDay`,
  );
  const daily = db.prepare<{ notificationId: number; sinceDay: string }, WidgetStatTotals & { day: string }>(
    `SELECT day, impressions, clicks, dismisses FROM widget_stat
     WHERE notification_id = :notificationId AND day >= :sinceDay ORDER BY day`,
  );
  return {
    async record(notificationId, type, at) {
      increments[type].run({ notificationId, day: utcDay(at) });
    },
    async sumSince(notificationId, sinceDay) {
      return sum.get({ notificationId, sinceDay }) as WidgetStatTotals;
    },
    async daily(notificationId, sinceDay) {
      return daily.all({ notificationId, sinceDay });
    },
  };
}
