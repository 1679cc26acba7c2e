// Admin API: a notification's deliveries, conversions, impressions, clicks and dismisses over 1 h to 30 d.
import { Router } from 'express';
import { type DailyStats, STATS_WINDOW_NAMES, type StatsReport, type StatsWindowName } from '../../shared/stats.ts';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { z } from 'zod';
import { parseId, validateInput } from '../validate.ts';
import { utcDay } from './widget-stat.types.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const dailyQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) });

export const STATS_WINDOWS: Record<StatsWindowName, number> = {
  '1h': HOUR_MS,
  '24h': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  '30d': 30 * 24 * HOUR_MS,
};

export function createStatsRouter(storage: Storage, clock: Clock): Router {
  const router = Router();
  router.get('/notifications/:id/stats', async (req, res) => {
    const notification = await storage.notifications.find(parseId(req.params.id, 'notification'));
    if (!notification) throw notFound('notification');
    const now = clock.now();
    const windows = {} as StatsReport['windows'];
    for (const name of STATS_WINDOW_NAMES) {
      const span = STATS_WINDOWS[name];
      const deliveries = await storage.deliveries.countSince(notification.id, now - span);
      const conversions = await storage.conversions.countSince(notification.id, now - span);
      // Widget stats are kept per UTC day, so they cover whole days back to the window's start.
      const widget = await storage.widgetStats.sumSince(notification.id, utcDay(now - span));
      const clickThroughRate = widget.impressions > 0 ? widget.clicks / widget.impressions : null;
      windows[name] = { ...deliveries, conversions, ...widget, clickThroughRate };
    }
    const report: StatsReport = { notificationId: notification.id, at: now, windows };
    res.json(report);
  });

  // One row per UTC day, oldest first, for the admin's charts.
  router.get('/notifications/:id/stats/daily', async (req, res) => {
    const notification = await storage.notifications.find(parseId(req.params.id, 'notification'));
    if (!notification) throw notFound('notification');
    const { days } = validateInput(dailyQuery, req.query);
    const now = clock.now();
    const firstDay = utcDay(now - (days - 1) * DAY_MS);
    const since = Date.parse(`${firstDay}T00:00:00Z`);
    const deliveries = new Map((await storage.deliveries.dailyCounts(notification.id, since)).map((d) => [d.day, d]));
    const widget = new Map((await storage.widgetStats.daily(notification.id, firstDay)).map((w) => [w.day, w]));
    const rows: DailyStats[] = [];
    for (let i = days - 1; i >= 0; i -= 1) {
      const day = utcDay(now - i * DAY_MS);
      const d = deliveries.get(day);
      const w = widget.get(day);
      rows.push({
        day,
        deliveries: d?.deliveries ?? 0,
        accepted: d?.accepted ?? 0,
        ignored: d?.ignored ?? 0,
        impressions: w?.impressions ?? 0,
        clicks: w?.clicks ?? 0,
        dismisses: w?.dismisses ?? 0,
      });
    }
    res.json({ notificationId: notification.id, days: rows });
  });
  return router;
}
