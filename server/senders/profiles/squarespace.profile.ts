// Squarespace Commerce: order notifications (https://developers.squarespace.com/webhooks/overview, topic order.create /
// order.update), which name only the order, and the Orders API's Order
// (https://developers.squarespace.com/commerce-apis/retrieve-specific-order) as a relay forwards it, which is read in full.
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { asObject } from './decode-jwt.ts';

/** `data.update` values of order.update that end the sale. */
const UPDATES_NOT_SHOWN: Readonly<Record<string, string>> = {
  REFUNDED: 'order refunded',
  CANCELED: 'order cancelled',
  MARKED_PENDING: 'order marked pending',
};

function isNotification(body: unknown): boolean {
  const note = asObject(body);
  return typeof note?.websiteId === 'string' && typeof note.topic === 'string' && note.topic.startsWith('order.');
}

function isOrder(body: unknown): boolean {
  const order = asObject(body);
  const total = asObject(order?.grandTotal) ?? asObject(asObject(order?.totals)?.grandTotal);
  return total !== undefined && Array.isArray(order?.lineItems);
}

export const squarespaceProfile: SenderProfile = {
  id: 'squarespace',
  name: 'Squarespace Commerce',
  docs: 'https://developers.squarespace.com/webhooks/overview',
  headers: ['squarespace-signature'],
  userAgents: ['squarespace'],
  bodyKeys: ['websiteId', 'grandTotal', 'customerEmail'],
  matches: ({ body }) => isNotification(body) || isOrder(body),
  read({ body }) {
    return isNotification(body) ? readNotification(body) : readOrder(body);
  },
};

function readNotification(body: unknown) {
  const reading = readingOf(body).text('event', 'topic').time('createdOn');
  const orderId = reading.pick('data.orderId')?.value;
  if (typeof orderId === 'string') reading.set('eventId', `squarespace:order:${orderId}`, 'data.orderId');
  const update = reading.pick('data.update')?.value;
  if (typeof update === 'string') reading.set('orderStatus', update, 'data.update');
  const reason = typeof update === 'string' ? UPDATES_NOT_SHOWN[update] : undefined;
  if (reason) return reading.notShown(reason, 'data.update').done();
  return reading
    .notShown(
      'Squarespace sends only the order id: the buyer must be fetched from the Orders API (GET /1.0/commerce/orders/{orderId})',
      'data.orderId',
    )
    .done();
}

function readOrder(body: unknown) {
  const reading = readingOf(body)
    .email('customerEmail')
    .firstName(['billingAddress.firstName', 'shippingAddress.firstName'])
    .lastName(['billingAddress.lastName', 'shippingAddress.lastName'])
    .country(['billingAddress.countryCode', 'shippingAddress.countryCode'])
    .state(['billingAddress.state', 'shippingAddress.state'])
    .text('city', ['billingAddress.city', 'shippingAddress.city'])
    .currency(['grandTotal.currency', 'totals.grandTotal.currency'])
    .total(['grandTotal.value', 'totals.grandTotal.value'])
    .items('lineItems', {
      name: 'productName',
      price: 'unitPricePaid.value',
      quantity: 'quantity',
      id: 'productId',
      image: 'imageUrl',
    })
    .time('createdOn')
    .text('orderStatus', 'fulfillmentStatus');
  const id = reading.pick('id')?.value;
  if (typeof id === 'string') reading.set('eventId', `squarespace:order:${id}`, 'id');
  const refunded = reading.money(reading.pick('refundedTotal.value')?.value);
  if (reading.pick('testmode')?.value === true) reading.notShown('Squarespace test order', 'testmode');
  else if (reading.fields.orderStatus === 'canceled') reading.notShown('order cancelled', 'fulfillmentStatus');
  else if (refunded !== undefined && refunded > 0) reading.notShown('order refunded', 'refundedTotal.value');
  return reading.done();
}
