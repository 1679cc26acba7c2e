// Admin API: replay a stored delivery through today's parsing and normalization (after a fix or a
// template change). The replay is a new delivery that points at the original; dedupe still applies,
// so a conversion that was already shown is not shown twice.
import { Router } from 'express';
import { HttpError, notFound } from '../errors.ts';
import { parseId } from '../validate.ts';
import { toDeliveryView } from './deliveries.routes.ts';
import { type WebhookDeps, commitDelivery } from './handle-webhook.ts';
import { interpretDelivery } from './interpret-delivery.ts';

export function createReplayRouter(deps: WebhookDeps): Router {
  const router = Router();
  router.post('/deliveries/:id/replay', async (req, res) => {
    const original = await deps.storage.deliveries.find(parseId(req.params.id, 'delivery'));
    if (!original) throw notFound('delivery');
    const notification = await deps.storage.notifications.find(original.notificationId);
    if (!notification) throw notFound('notification');
    if (original.bodyTruncated || original.body === null) {
      throw new HttpError(409, 'not-replayable', 'This delivery was not stored whole (over the size cap or erased)');
    }
    const record = await interpretDelivery(
      notification,
      {
        receivedAt: deps.clock.now(),
        method: original.method,
        headers: original.headers,
        query: original.query,
        body: original.body,
        // A signature is judged as of its arrival, so a quarantined delivery can be replayed once the
        // secret is fixed, but a replay never turns a bad signature good.
        signedAt: original.receivedAt,
      },
      deps,
    );
    const result = await commitDelivery({ ...record, replayOf: original.id }, notification, deps);
    const replayed = await deps.storage.deliveries.find(result.deliveryId);
    res.status(201).json({ outcome: result.outcome, delivery: replayed && toDeliveryView(replayed) });
  });
  return router;
}
