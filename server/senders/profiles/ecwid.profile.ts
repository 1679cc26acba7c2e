// Ecwid order webhooks (order.created, order.updated, order.paid): https://api-docs.ecwid.com/reference/webhooks-structure
// and https://docs.ecwid.com/webhook-automations/learn-ecwid-webhooks/event-data-in-webhooks. The body names the
// order and its payment status only, so a delivery is never shown without the order fetched from the REST API.
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { asObject } from './decode-jwt.ts';

/** Payment statuses that mean the money has not (or no longer) arrived. */
const NOT_PAID: Readonly<Record<string, string>> = {
  awaiting_payment: 'order awaiting payment',
  cancelled: 'order cancelled',
  refunded: 'order refunded',
  partially_refunded: 'order partially refunded',
  incomplete: 'order incomplete',
};

export const ecwidProfile: SenderProfile = {
  id: 'ecwid',
  name: 'Ecwid',
  docs: 'https://api-docs.ecwid.com/reference/webhooks-structure',
  headers: ['x-ecwid-webhook-signature'],
  bodyKeys: ['eventType', 'storeId'],
  matches({ body }) {
    const event = asObject(body);
    return (
      typeof event?.eventType === 'string' &&
      (event.eventType.startsWith('order.') || event.eventType.startsWith('unfinished_order.')) &&
      (typeof event.storeId === 'number' || typeof event.storeId === 'string')
    );
  },
  read({ body }) {
    const reading = readingOf(body)
      .text('event', 'eventType')
      .time('eventCreated')
      .text('orderStatus', 'data.newPaymentStatus');
    // `entityId` is the internal order number; `data.orderId` the order's id ("XJ12H") in newer stores.
    const order = reading.pick(['data.orderId', 'entityId']);
    if (order && (typeof order.value === 'string' || typeof order.value === 'number')) {
      reading.set('eventId', `ecwid:order:${order.value}`, order.path);
    }
    const status = reading.fields.orderStatus;
    if (reading.fields.event?.startsWith('unfinished_order.')) reading.notShown('abandoned checkout', 'eventType');
    else if (status !== undefined && NOT_PAID[status]) reading.notShown(NOT_PAID[status], 'data.newPaymentStatus');
    else {
      reading.notShown(
        'Ecwid sends only the order id: the buyer must be fetched from the REST API (GET /orders/{orderId})',
        order?.path ?? 'entityId',
      );
    }
    return reading.done();
  },
};
