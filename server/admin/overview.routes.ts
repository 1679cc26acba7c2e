// Light reads for the admin's lists: per notification of a site, the last delivery and the
// conversions of the last 24 hours (one request instead of two per row); and a notification's
// deliveries without their bodies and headers, so the inspector's list stays small however large
// the payloads are (GET /api/notifications/:id/deliveries carries every body), with each row's
// person, product and sender, filtered by outcome, sender and text.
import { Router } from 'express';
import type { NotificationOverview } from '../../shared/notifications.ts';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId } from '../validate.ts';
import { filteredSummaryPage } from '../deliveries/delivery-filter.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export function createOverviewRouter(storage: Storage, clock: Clock): Router {
  const router = Router();

  router.get('/sites/:siteId/overview', async (req, res) => {
    const site = await storage.sites.find(parseId(req.params.siteId, 'site'));
    if (!site) throw notFound('site');
    const since = clock.now() - DAY_MS;
    const notifications: NotificationOverview[] = [];
    for (const notification of await storage.notifications.listBySite(site.id)) {
      const [last] = await storage.deliveries.listByNotification(notification.id, { limit: 1 });
      notifications.push({
        id: notification.id,
        lastDelivery: last
          ? {
              id: last.id,
              receivedAt: last.receivedAt,
              status: last.status,
              outcome: last.outcome,
              reason: last.reason,
            }
          : null,
        conversions24h: await storage.conversions.countSince(notification.id, since),
      });
    }
    res.json({ siteId: site.id, notifications });
  });

  // ?outcome=&sender=&q= filter it (see delivery-filter.ts).
  router.get('/notifications/:id/deliveries/summaries', async (req, res) => {
    res.json(await filteredSummaryPage(storage, req));
  });

  return router;
}
