// Wix eCommerce order webhooks (wix.ecom.v1.order_approved, order_created, payment_status_updated):
// https://dev.wix.com/docs/rest/business-solutions/e-commerce/orders/order-approved. The body is a JWT whose `data`
// claim is JSON text (https://dev.wix.com/docs/api-reference/articles/work-with-wix-apis/platform/about-the-structure-of-webhooks)
// holding `eventType`, `instanceId` and, again as JSON text, the event with the order inside.
import { parseTime } from '../../normalize/parse-time.ts';
import { findUsState } from '../../normalize/us-states.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile, SenderRequest } from '../sender-profile.ts';
import { asObject, decodeJwtPayload, parseJsonText } from './decode-jwt.ts';

type Json = Record<string, unknown>;

interface WixDelivery {
  eventType: string;
  /** The event inside `data.data`: a domain event (`actionEvent`, `createdEvent`…) or a legacy flat order. */
  event: Json | undefined;
  order: Json | undefined;
}

/** paymentStatus values whose money has not (or no longer) arrived. */
const NOT_PAID: Readonly<Record<string, string>> = {
  not_paid: 'order not paid',
  pending: 'payment pending',
  partially_paid: 'order partially paid',
  fully_refunded: 'order refunded',
  partially_refunded: 'order partially refunded',
};

/** A JSON object sent either as an object or as JSON text. */
function objectOrText(value: unknown): Json | undefined {
  return asObject(value) ?? asObject(parseJsonText(value));
}

function decodeWix(body: unknown): WixDelivery | undefined {
  const envelope = objectOrText(decodeJwtPayload(body)?.data);
  if (typeof envelope?.eventType !== 'string' || typeof envelope.instanceId !== 'string') return undefined;
  const event = objectOrText(envelope.data);
  return { eventType: envelope.eventType, event, order: findOrder(event) };
}

/**
 * matches() and read() get the same request object: the token (JSON inside JSON inside a JWT) is
 * decoded once for both. Keyed weakly by the request, so nothing outlives the webhook.
 */
const decodedRequests = new WeakMap<SenderRequest, WixDelivery | null>();

function decodedOnce(request: SenderRequest): WixDelivery | undefined {
  let wix = decodedRequests.get(request);
  if (wix === undefined) {
    wix = decodeWix(request.body) ?? null;
    decodedRequests.set(request, wix);
  }
  return wix ?? undefined;
}

/** Where each kind of event keeps the order: the docs show `body`/`entity`, the wire may send the `…AsJson` text. */
function findOrder(event: Json | undefined): Json | undefined {
  if (!event) return undefined;
  const action = asObject(event.actionEvent);
  const created = asObject(event.createdEvent);
  const updated = asObject(event.updatedEvent);
  const candidates = [
    objectOrText(action?.body)?.order,
    objectOrText(action?.bodyAsJson)?.order,
    created?.entity,
    objectOrText(created?.entityAsJson),
    updated?.currentEntity,
    objectOrText(updated?.currentEntityAsJson),
    event.order,
    event,
  ];
  for (const candidate of candidates) {
    const order = asObject(candidate);
    if (order && (Array.isArray(order.lineItems) || asObject(order.buyerInfo))) return order;
  }
  return undefined;
}

export const wixProfile: SenderProfile = {
  id: 'wix',
  name: 'Wix eCommerce',
  docs: 'https://dev.wix.com/docs/rest/business-solutions/e-commerce/orders/order-approved',
  bodyKeys: ['$'],
  matches: (request) => decodedOnce(request) !== undefined,
  read(request) {
    const wix = decodedOnce(request);
    const decoded = wix?.order ?? wix?.event;
    const reading = readingOf(decoded).detectIn(decoded);
    if (!wix) return reading.done();
    reading.set('event', wix.eventType, 'jwt:data.eventType');
    if (!wix.order) return reading.done();
    reading
      .email('buyerInfo.email')
      .firstName(['billingInfo.contactDetails.firstName', 'recipientInfo.contactDetails.firstName'])
      .lastName(['billingInfo.contactDetails.lastName', 'recipientInfo.contactDetails.lastName'])
      .country(['billingInfo.address.country', 'recipientInfo.address.country'])
      .text('city', ['billingInfo.address.city', 'recipientInfo.address.city'])
      .currency('currency')
      .total(['priceSummary.total.amount', 'totals.total'])
      .items('lineItems', {
        name: ['productName.original', 'productName.translated', 'name'],
        price: ['price.amount', 'price'],
        lineTotal: ['totalPriceAfterTax.amount', 'totalPrice'],
        quantity: 'quantity',
        id: ['catalogReference.catalogItemId', 'productId'],
        image: ['image.url', 'mediaItem.url'],
      })
      .time(['createdDate', 'dateCreated'])
      .text('orderStatus', 'paymentStatus');
    readSubdivision(reading);
    const eventTime = parseTime(wix.event?.eventTime);
    if (reading.fields.timestamp === undefined) reading.set('timestamp', eventTime, 'jwt:data.data.eventTime');
    const id = reading.pick(['id', 'orderId'])?.value;
    if (typeof id === 'string') reading.set('eventId', `wix:order:${id}`, 'id');
    const payment = reading.fields.orderStatus;
    const status = reading.pick('status')?.value;
    if (status === 'CANCELED') reading.notShown('order cancelled', 'status');
    else if (payment !== undefined && NOT_PAID[payment]) reading.notShown(NOT_PAID[payment], 'paymentStatus');
    else if (status === 'INITIALIZED') reading.notShown('order not approved yet', 'status');
    return reading.done();
  },
};

/** `subdivision` is ISO 3166-2 ("US-NY", "CA-QC"); `subdivisionFullname` its name when Wix sends it. */
function readSubdivision(reading: ReturnType<typeof readingOf>): void {
  const found = reading.pick(['billingInfo.address.subdivision', 'recipientInfo.address.subdivision']);
  const named = reading.pick(['billingInfo.address.subdivisionFullname', 'recipientInfo.address.subdivisionFullname']);
  if (!found || typeof found.value !== 'string') {
    if (named) reading.state(named.path);
    return;
  }
  const code = found.value.replace(/^[A-Z]{2}-/, '');
  const us = reading.fields.countryCode === 'US' ? findUsState(code) : undefined;
  if (us) {
    reading.set('stateCode', us.code, found.path).set('state', us.name, found.path);
    return;
  }
  if (/^[A-Z0-9]{1,3}$/.test(code)) reading.set('stateCode', code, found.path);
  if (named && typeof named.value === 'string') reading.set('state', named.value, named.path);
}
