// Admin API: a notification's conversions, newest first, with every normalized field; found by exact
// email (`?email=`) or by part of an email, name, product or place (`?q=`).
import { Router } from 'express';
import type { ConversionPage } from '../../shared/conversion.ts';
import { z } from 'zod';
import { notFound } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId, validateInput } from '../validate.ts';

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  beforeId: z.coerce.number().int().min(1).optional(),
});

const conversionQuery = pageQuery.extend({
  email: z.string().trim().max(320).optional(),
  /** Part of an email, a name, a product or a place: `?q=grace`. */
  q: z.string().trim().max(200).optional(),
});

export function createConversionsRouter(storage: Storage): Router {
  const router = Router();
  router.get('/notifications/:id/conversions', async (req, res) => {
    const notification = await storage.notifications.find(parseId(req.params.id, 'notification'));
    if (!notification) throw notFound('notification');
    const query = validateInput(conversionQuery, req.query);
    const conversions = await storage.conversions.listByNotification(notification.id, { ...query, text: query.q });
    const last = conversions.at(-1);
    const page: ConversionPage = {
      conversions,
      nextBeforeId: conversions.length === query.limit && last ? last.id : null,
    };
    res.json(page);
  });
  return router;
}
