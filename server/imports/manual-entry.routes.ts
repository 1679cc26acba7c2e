// Admin API: add one conversion by hand. Stored like a webhook's and, after the commit, pushed to
// the site's open widgets by the same path (commitDelivery → onConversion).
import { Router } from 'express';
import { HttpError } from '../errors.ts';
import { type WebhookDeps, commitDelivery } from '../ingest/handle-webhook.ts';
import { validateInput } from '../validate.ts';
import { findEntryTarget } from './import.routes.ts';
import { manualEntryRecord, manualEntrySchema } from './manual-entry.ts';

export function createManualEntryRouter(deps: WebhookDeps): Router {
  const router = Router();
  router.post('/notifications/:id/conversions', async (req, res) => {
    const notification = await findEntryTarget(deps.storage, req.params.id);
    const now = deps.clock.now();
    const entry = validateInput(manualEntrySchema(now), req.body);
    const record = manualEntryRecord(entry, { notification, now, geo: deps.geo });
    let result: Awaited<ReturnType<typeof commitDelivery>>;
    try {
      result = await commitDelivery(record, notification, deps);
    } catch (error) {
      deps.logger.error({ err: error, notificationId: notification.id }, 'manual entry: storing failed');
      throw new HttpError(503, 'unavailable', 'Storage is unavailable; the entry was not stored', {
        'Retry-After': '5',
      });
    }
    res.status(201).json({ conversion: result.conversion });
  });
  return router;
}
