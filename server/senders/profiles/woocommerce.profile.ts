// WooCommerce order webhooks (order.created, order.updated): https://developer.woocommerce.com/docs/apis/rest-api/v3/webhooks/
// whose body is the REST API's Order https://woocommerce.github.io/woocommerce-rest-api-docs/#order-properties.
import { parseTime } from '../../normalize/parse-time.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile, SenderRequest } from '../sender-profile.ts';
import { asObject } from './decode-jwt.ts';

/** Order statuses whose money has arrived: `processing` (paid, to ship) and `completed`. */
const PAID = new Set(['processing', 'completed']);
/** Why the other core statuses are not shown; a custom status is named as it is. */
const NOT_SHOWN: Readonly<Record<string, string>> = {
  pending: 'order pending payment',
  'on-hold': 'order on hold (awaiting payment)',
  failed: 'payment failed',
  cancelled: 'order cancelled',
  refunded: 'order refunded',
  'checkout-draft': 'checkout not completed (draft order)',
  trash: 'order deleted',
};
/** The `*_gmt` fields are UTC written without a zone; `date_created` is the site's local time. */
const ZONELESS_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

function topicOf(headers: SenderRequest['headers']): string {
  return headers['x-wc-webhook-topic'] ?? '';
}

/** WooCommerce's test delivery when a webhook is saved: the form body `webhook_id=N`, and nothing else. */
function isPing(body: unknown): boolean {
  const fields = asObject(body);
  return fields !== undefined && Object.keys(fields).length === 1 && /^\d+$/.test(String(fields.webhook_id));
}

function isOrder(body: unknown): boolean {
  const order = asObject(body);
  return order !== undefined && (Array.isArray(order.line_items) || asObject(order.billing) !== undefined);
}

export const woocommerceProfile: SenderProfile = {
  id: 'woocommerce',
  name: 'WooCommerce',
  docs: 'https://developer.woocommerce.com/docs/apis/rest-api/v3/webhooks/',
  headers: ['x-wc-webhook-topic', 'x-wc-webhook-source'],
  // "WooCommerce/8.9.3 Hookshot (WordPress/6.5.5)"; the ping carries only this User-Agent.
  userAgents: ['woocommerce'],
  matches({ headers, body }) {
    const topic = topicOf(headers);
    if (topic !== '') return topic.startsWith('order.') && isOrder(body);
    return isPing(body) || isOrder(body);
  },
  read({ headers, body }) {
    const reading = readingOf(body);
    if (isPing(body)) {
      return reading
        .set('event', 'webhook ping', 'webhook_id')
        .notShown('WooCommerce webhook ping (sent when the webhook is saved)', 'webhook_id')
        .done();
    }
    reading
      .email('billing.email')
      .firstName(['billing.first_name', 'shipping.first_name'])
      .lastName(['billing.last_name', 'shipping.last_name'])
      .country(['billing.country', 'shipping.country'])
      .state(['billing.state', 'shipping.state'])
      .text('city', ['billing.city', 'shipping.city'])
      .text('ip', 'customer_ip_address')
      .currency('currency')
      .total('total')
      // `price` is the unit price (a number), `total` the line total after discounts (a string).
      .items('line_items', {
        name: 'name',
        price: 'price',
        lineTotal: 'total',
        quantity: 'quantity',
        id: 'product_id',
        image: 'image.src',
      })
      .text('orderStatus', 'status');
    // When the money arrived, else when the order was placed; both UTC without a zone.
    const time = reading.pick(['date_paid_gmt', 'date_created_gmt']);
    if (time && typeof time.value === 'string' && ZONELESS_ISO.test(time.value)) {
      reading.set('timestamp', parseTime(`${time.value}Z`), time.path);
    }
    const topic = topicOf(headers);
    if (topic !== '') reading.set('event', topic, 'header:x-wc-webhook-topic');
    // One order is one conversion, whether order.created or order.updated brings it.
    const id = reading.pick('id')?.value;
    if (typeof id === 'number' || typeof id === 'string') reading.set('eventId', `woocommerce:order:${id}`, 'id');
    const status = reading.fields.orderStatus;
    if (status !== undefined && !PAID.has(status)) reading.notShown(NOT_SHOWN[status] ?? `order ${status}`, 'status');
    return reading.done();
  },
};
