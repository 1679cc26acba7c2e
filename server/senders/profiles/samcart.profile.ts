// SamCart Notify URL / webhook posts {type, customer, order, products}: https://help.samcart.com/support/solutions/articles/60000506436-using-webhooks-on-samcart
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Notification types that are a payment; refunds, cancellations and failures are not shown. */
const PAID_TYPES = new Set(['order', 'recurringpaymentsucceeded', 'recurring_payment_succeeded']);

export const samcartProfile: SenderProfile = {
  id: 'samcart',
  name: 'SamCart',
  docs: 'https://help.samcart.com/support/solutions/articles/60000506436-using-webhooks-on-samcart',
  bodyKeys: ['type'],
  matches({ body }) {
    if (body === null || typeof body !== 'object') return false;
    const { type, customer, order } = body as Record<string, unknown>;
    return (
      typeof type === 'string' &&
      /^[A-Z][A-Za-z]+$/.test(type) &&
      customer !== null &&
      typeof customer === 'object' &&
      order !== null &&
      typeof order === 'object'
    );
  },
  read({ body }) {
    const reading = readingOf(body)
      .text('event', 'type')
      .email('customer.email')
      .firstName('customer.first_name')
      .lastName('customer.last_name')
      .country(['customer.billing_address.country', 'customer.shipping_address.country'])
      .text('city', ['customer.billing_address.city', 'customer.shipping_address.city'])
      .state(['customer.billing_address.state', 'customer.shipping_address.state'])
      .text('ip', ['order.ip_address', 'customer.ip_address'])
      .currency(['order.currency', 'currency'])
      .total(['order.total', 'order.subtotal'])
      .items('products', { name: 'product_name', price: 'price', quantity: 'quantity', id: 'id' })
      .time(['order.created_at', 'created_at']);
    const orderId = reading.pick('order.id');
    const type = reading.fields.event ?? '';
    if (orderId && (typeof orderId.value === 'string' || typeof orderId.value === 'number'))
      reading.set('eventId', `samcart:${type.toLowerCase()}:${orderId.value}`, 'order.id');
    if (!PAID_TYPES.has(type.toLowerCase())) reading.notShown(`SamCart ${type}`, 'type');
    return reading.done();
  },
};
