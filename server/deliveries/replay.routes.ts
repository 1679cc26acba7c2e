// Admin API: replay a stored delivery through today's profiles, detection and field map (after a fix,
// a new field map or a template change). The delivery is re-derived in place and the conversion it
// made is updated in place (same id) and pushed again, or made when it had none; its own dedupe key
// never makes it a duplicate, while another event's conversion holding the key still does.
import { Router } from 'express';
import type { FieldChange, ReplayResult } from '../../shared/deliveries.ts';
import { HttpError, notFound } from '../errors.ts';
import type { NormalizedConversion } from '../normalize/types.ts';
import type { Notification } from '../notifications/notification.types.ts';
import { parseId } from '../validate.ts';
import { toDeliveryDetailView } from './deliveries.routes.ts';
import type { RederiveResult } from './delivery.types.ts';
import type { WebhookDeps } from '../ingest/handle-webhook.ts';
import { interpretDelivery } from '../ingest/interpret-delivery.ts';
import { testEventConversion } from '../ingest/test-event.ts';

export type { FieldChange };

/** Every normalized field whose value differs, in the order the new reading lists them. */
export function fieldChanges(before: NormalizedConversion | null, after: NormalizedConversion | null): FieldChange[] {
  const was = (before ?? {}) as Record<string, unknown>;
  const now = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(now), ...Object.keys(was)])];
  return fields
    .filter((field) => JSON.stringify(was[field]) !== JSON.stringify(now[field]))
    .map((field) => ({ field, before: was[field] ?? null, after: now[field] ?? null }));
}

/** After the commit, like a webhook's: the conversion to widgets (a known id is an update), the row to the inspector. */
function publish(result: RederiveResult, notification: Notification, deps: WebhookDeps): void {
  setImmediate(() => {
    try {
      if (result.conversion) deps.onConversion(result.conversion, notification);
      const { delivery } = result;
      if (result.outcome === 'test' && delivery.normalized) {
        deps.onTestEvent?.(
          testEventConversion({
            ...delivery,
            deliveryId: delivery.id,
            siteId: notification.siteId,
            normalized: delivery.normalized,
          }),
          notification,
        );
      }
      deps.onDelivery?.(
        { deliveryId: result.delivery.id, outcome: result.outcome, conversion: result.conversion },
        notification,
      );
    } catch (error) {
      deps.logger.error({ err: error }, 'replay: publishing after the commit failed');
    }
  });
}

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
        // Read as of its arrival: the time fallback, the dedupe window and the conversion's receive time.
        receivedAt: original.receivedAt,
        method: original.method,
        headers: original.headers,
        query: original.query,
        body: original.body,
        // A signature is judged as of its arrival, so a quarantined delivery can be replayed once the
        // secret is fixed, but a replay never turns a bad signature good.
        signedAt: original.receivedAt,
        // Named in the log should today's reading fail again.
        deliveryId: original.id,
      },
      deps,
    );
    const result = await deps.storage.deliveries.rederive(original.id, record);
    if (!result) throw notFound('delivery');
    publish(result, notification, deps);
    const reply: ReplayResult = {
      outcome: result.outcome,
      delivery: await toDeliveryDetailView(result.delivery),
      conversion: result.conversion,
      changes: fieldChanges(original.normalized, result.delivery.normalized),
    };
    res.status(201).json(reply);
  });
  return router;
}
