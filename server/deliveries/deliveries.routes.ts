// Admin API: what reached a webhook URL — the inspector's data — and the original bytes.
import { type Request, Router } from 'express';
import type { DeliveryDetail, DeliveryPage, DeliveryView } from '../../shared/deliveries.ts';
import { notFound } from '../errors.ts';
import { pageQuery } from '../conversions/conversions.routes.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId, validateInput } from '../validate.ts';
import { ALL_SENDER_PROFILES } from '../senders/all-profiles.ts';
import { listBodyFields } from '../senders/field-map-body-fields.ts';
import type { Delivery } from './delivery.types.ts';
import { readPayload } from '../ingest/interpret-delivery.ts';

/** JSON can't carry bytes: the body goes out as (lossy) UTF-8 text; /body serves the original. */
export function toDeliveryView(delivery: Delivery): DeliveryView {
  const { body, ...rest } = delivery;
  return { ...rest, bodyText: body ? body.toString('utf8') : '' };
}

const PROFILES_BY_ID = new Map(ALL_SENDER_PROFILES.map((profile) => [profile.id, profile]));

/**
 * One delivery opened in the inspector: the list view, plus which sender profile read it and the
 * parsed body's leaves with their values (what the field-map picker offers).
 */
export async function toDeliveryDetailView(delivery: Delivery): Promise<DeliveryDetail> {
  const senderId = delivery.normalized?.sender;
  const profile = senderId === undefined ? undefined : PROFILES_BY_ID.get(senderId);
  const { body, headers, query } = delivery;
  const payload = body && !delivery.bodyTruncated ? await readPayload({ body, headers, query }) : undefined;
  return {
    ...toDeliveryView(delivery),
    senderProfile:
      senderId === undefined ? null : { id: senderId, name: profile?.name ?? senderId, docs: profile?.docs ?? null },
    bodyFields: listBodyFields(payload),
  };
}

/** One keyset page of a notification's deliveries (`?limit&beforeId`), each shaped by `view`. */
export async function deliveryPage<T>(
  storage: Storage,
  req: Request,
  view: (delivery: Delivery) => T,
): Promise<DeliveryPage<T>> {
  const notification = await storage.notifications.find(parseId(req.params.id as string, 'notification'));
  if (!notification) throw notFound('notification');
  const query = validateInput(pageQuery, req.query);
  const deliveries = await storage.deliveries.listByNotification(notification.id, query);
  const last = deliveries.at(-1);
  return {
    deliveries: deliveries.map(view),
    nextBeforeId: deliveries.length === query.limit && last ? last.id : null,
  };
}

export function createDeliveriesRouter(storage: Storage): Router {
  const router = Router();

  router.get('/notifications/:id/deliveries', async (req, res) => {
    res.json(await deliveryPage(storage, req, toDeliveryView));
  });

  router.get('/deliveries/:id', async (req, res) => {
    const delivery = await storage.deliveries.find(parseId(req.params.id, 'delivery'));
    if (!delivery) throw notFound('delivery');
    res.json(await toDeliveryDetailView(delivery));
  });

  router.get('/deliveries/:id/body', async (req, res) => {
    const delivery = await storage.deliveries.find(parseId(req.params.id, 'delivery'));
    if (!delivery) throw notFound('delivery');
    // Served as an attachment of an inert type so a hostile body can never render as a page.
    res
      .type('application/octet-stream')
      .set('Content-Disposition', `attachment; filename="delivery-${delivery.id}.bin"`)
      .send(delivery.body ?? Buffer.alloc(0));
  });

  return router;
}
