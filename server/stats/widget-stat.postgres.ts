// PostgreSQL implementation of the per-day widget impressions, clicks and dismisses.
import type pg from 'pg';
import type { WidgetStatType } from '../../shared/protocol.ts';
import { type WidgetStatRepository, type WidgetStatTotals, utcDay } from './widget-stat.types.ts';
import { execute, queryRow, queryRows } from '../db/postgres/pg-query.ts';

// One statement for every type: the increments are bound values (1 or 0), so no column name is built.
const INCREMENT = `INSERT INTO widget_stat (notification_id, day, impressions, clicks, dismisses)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (notification_id, day) DO UPDATE SET impressions = widget_stat.impressions + excluded.impressions,
    clicks = widget_stat.clicks + excluded.clicks, dismisses = widget_stat.dismisses + excluded.dismisses`;
// sum(bigint) is numeric, which node-postgres returns as a string; back to bigint, hence a number.
const SUM = `SELECT coalesce(sum(impressions), 0)::bigint AS impressions, coalesce(sum(clicks), 0)::bigint AS clicks,
    coalesce(sum(dismisses), 0)::bigint AS dismisses
  FROM widget_stat WHERE notification_id = $1 AND day >= $2`;
const DAILY = `SELECT day, impressions, clicks, dismisses FROM widget_stat
  WHERE notification_id = $1 AND day >= $2 ORDER BY day`;

export function createPgWidgetStatRepository(pool: pg.Pool): WidgetStatRepository {
  return {
    async record(notificationId, type: WidgetStatType, at) {
      await execute(pool, INCREMENT, [
        notificationId,
        utcDay(at),
        type === 'impression' ? 1 : 0,
        type === 'click' ? 1 : 0,
        type === 'dismiss' ? 1 : 0,
      ]);
    },
    async sumSince(notificationId, sinceDay) {
      return (await queryRow<WidgetStatTotals>(pool, SUM, [notificationId, sinceDay])) as WidgetStatTotals;
    },
    async daily(notificationId, sinceDay) {
      return queryRows<WidgetStatTotals & { day: string }>(pool, DAILY, [notificationId, sinceDay]);
    },
  };
}
