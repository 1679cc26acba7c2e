// Lemon Squeezy webhooks (https://docs.lemonsqueezy.com/help/webhooks/event-types): JSON:API resources with the event in meta.
import { toText } from '../../normalize/text-limits.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Events that are a purchase; refunds, failures, cancellations and updates are not shown. */
const PURCHASES = new Set(['order_created', 'subscription_created', 'subscription_payment_success']);
/** Order, subscription and invoice statuses that mean money was received (https://docs.lemonsqueezy.com/api/orders/the-order-object). */
const PAID = new Set(['paid', 'active', 'on_trial']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const lemonSqueezyProfile: SenderProfile = {
  id: 'lemon-squeezy',
  name: 'Lemon Squeezy',
  docs: 'https://docs.lemonsqueezy.com/help/webhooks/webhook-requests',
  headers: ['x-event-name'],
  bodyKeys: ['meta'],
  matches: ({ body }) =>
    isRecord(body) &&
    isRecord(body.meta) &&
    typeof body.meta.event_name === 'string' &&
    isRecord(body.data) &&
    isRecord(body.data.attributes),
  read({ body }) {
    const a = 'data.attributes';
    const reading = readingOf(body)
      .text('event', 'meta.event_name')
      .email(`${a}.user_email`)
      // One field with the whole name ("Sofía Ramírez"): split so only the parts are kept.
      .fullName(`${a}.user_name`)
      .currency(`${a}.currency`)
      // Amounts are integers in cents (https://docs.lemonsqueezy.com/api/orders/the-order-object#total).
      .total(`${a}.total`, { minorUnits: true })
      .time(`${a}.created_at`);
    const item = `${a}.first_order_item`;
    if (isRecord(reading.pick(item)?.value)) {
      const name = toText(reading.pick(`${item}.product_name`)?.value);
      const price = reading.money(reading.pick(`${item}.price`)?.value, { minorUnits: true });
      const quantity = Number(reading.pick(`${item}.quantity`)?.value) || undefined;
      if (name) {
        const line = { name, ...(price !== undefined && { price }), ...(quantity && { quantity }) };
        const id = toText(reading.pick(`${item}.product_id`)?.value);
        reading
          .set('products', [id ? { ...line, id } : line], item)
          .set('moreProducts', 0, item)
          .set('productName', name, `${item}.product_name`);
      }
    } else reading.text('productName', `${a}.product_name`);
    const type = toText(reading.pick('data.type')?.value) ?? 'resource';
    const id = toText(reading.pick('data.id')?.value);
    // A subscription comes with its order (order_id): both are the same purchase.
    const orderId = type === 'orders' ? id : toText(reading.pick(`${a}.order_id`)?.value);
    if (orderId)
      reading.set('eventId', `lemon-squeezy:order:${orderId}`, type === 'orders' ? 'data.id' : `${a}.order_id`);
    else if (id) reading.set('eventId', `lemon-squeezy:${type}:${id}`, 'data.id');
    judgePurchase(reading);
    return reading.done();
  },
};

function judgePurchase(reading: ReturnType<typeof readingOf>): void {
  const a = 'data.attributes';
  const event = reading.fields.event ?? '';
  const status = toText(reading.pick(`${a}.status`)?.value)?.toLowerCase();
  if (status) reading.set('orderStatus', status, `${a}.status`);
  const test = reading.pick(['meta.test_mode', `${a}.test_mode`]);
  if (test?.value === true) reading.notShown('Lemon Squeezy test mode', test.path);
  else if (!PURCHASES.has(event)) reading.notShown(`Lemon Squeezy event ${event} is not a purchase`, 'meta.event_name');
  else if (reading.pick(`${a}.refunded`)?.value === true) reading.notShown('order refunded', `${a}.refunded`);
  else if (status && !PAID.has(status)) reading.notShown(`status is ${JSON.stringify(status)}`, `${a}.status`);
}
