// Kit (formerly ConvertKit) webhooks: the legacy subscriber and purchase bodies
// (https://developers.kit.com/api-reference/v3/webhooks) and the webhook endpoints' envelope
// { delivery_id, events: [{ id, type, created, data: { subscriber } }] } (https://developers.kit.com/webhooks/delivery-format).
import { readPath } from '../field-path.ts';
import type { ReadingBuilder } from '../sender-reading.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Subscriber states that are not a sign-up (https://developers.kit.com/api-reference/subscribers). */
const GONE = new Set(['cancelled', 'bounced', 'complained']);
/** Envelope events that are a subscriber leaving or failing, never a sign-up. */
const LEAVING = new Set([
  'subscriber.subscriber_unsubscribe',
  'subscriber.subscriber_bounce',
  'subscriber.subscriber_complain',
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const kitProfile: SenderProfile = {
  id: 'kit',
  name: 'Kit',
  docs: 'https://developers.kit.com/api-reference/v3/webhooks',
  bodyKeys: ['subscriber', 'delivery_id', 'transaction_id'],
  matches({ body }) {
    if (!isObject(body)) return false;
    if (isObject(body.subscriber)) return typeof body.subscriber.email_address === 'string';
    if (Array.isArray(body.events))
      return typeof readPath(body, 'events[0].data.subscriber.email_address') === 'string';
    return typeof body.email_address === 'string' && Array.isArray(body.products) && 'transaction_time' in body;
  },
  read({ body }) {
    const reading = readingOf(body);
    if (isObject(body) && Array.isArray(body.events)) {
      readSubscriber(reading, 'events[0].data.subscriber');
      reading.text('event', 'events[0].type').time('events[0].created');
      const id = reading.pick('events[0].id')?.value;
      if (typeof id === 'string') reading.set('eventId', `kit:event:${id}`, 'events[0].id');
      const type = reading.fields.event;
      if (type && LEAVING.has(type))
        reading.notShown(`Kit ${type.replace('subscriber.subscriber_', '')} event`, 'events[0].type');
    } else if (isObject(body) && isObject(body.subscriber)) {
      readSubscriber(reading, 'subscriber');
      reading.time('subscriber.created_at');
    } else {
      readPurchase(reading);
    }
    return reading.done();
  },
};

/** Kit keeps one name field, `first_name`; a last name lives in the custom field `last_name` when the account has one. */
function readSubscriber(reading: ReadingBuilder, at: string): void {
  reading.email(`${at}.email_address`);
  const first = reading.pick(`${at}.first_name`);
  const last = reading.pick([`${at}.fields.last_name`, `${at}.fields.Last_Name`]);
  const text = typeof first?.value === 'string' ? first.value.trim() : '';
  const lastText = typeof last?.value === 'string' ? last.value.trim() : '';
  // Forms that ask for "Name" put the whole name in first_name.
  if (/\s/.test(text) && (!lastText || text.toLowerCase().endsWith(` ${lastText.toLowerCase()}`)))
    reading.fullName(`${at}.first_name`);
  else reading.firstName(`${at}.first_name`).lastName([`${at}.fields.last_name`, `${at}.fields.Last_Name`]);
  reading.text('city', `${at}.fields.city`).country(`${at}.fields.country`);
  const state = reading.pick(`${at}.state`)?.value;
  if (typeof state === 'string' && GONE.has(state)) reading.notShown(`subscriber ${state}`, `${at}.state`);
  const id = reading.pick(`${at}.id`)?.value;
  if (!reading.fields.eventId && (typeof id === 'number' || typeof id === 'string'))
    reading.set('eventId', `kit:subscriber:${id}`, `${at}.id`);
}

/** purchase.purchase_create: the purchase itself, amounts in major units. */
function readPurchase(reading: ReadingBuilder): void {
  reading
    .email('email_address')
    .currency('currency')
    .total('total')
    .items('products', { name: 'name', price: 'unit_price', quantity: 'quantity', id: 'sku' })
    .time('transaction_time')
    .text('orderStatus', 'status')
    .set('event', 'purchase.purchase_create', 'transaction_id');
  const id = reading.pick('transaction_id')?.value;
  if (typeof id === 'string' || typeof id === 'number') reading.set('eventId', `kit:purchase:${id}`, 'transaction_id');
  const status = reading.fields.orderStatus;
  if (status && status !== 'paid') reading.notShown(`purchase ${status}`, 'status');
}
