// Shopify order webhooks (orders/create, orders/paid): https://shopify.dev/docs/api/admin-rest/latest/resources/webhook
// and the Order resource https://shopify.dev/docs/api/admin-rest/latest/resources/order.
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** financial_status values that mean the money has not (or no longer) arrived. */
const NOT_PAID = new Set(['pending', 'authorized', 'refunded', 'voided', 'partially_refunded', 'expired']);

export const shopifyProfile: SenderProfile = {
  id: 'shopify',
  name: 'Shopify',
  docs: 'https://shopify.dev/docs/apps/build/webhooks',
  headers: ['x-shopify-topic'],
  matches: ({ headers }) => (headers['x-shopify-topic'] ?? '').startsWith('orders/'),
  read({ headers, body }) {
    const reading = readingOf(body)
      .email(['email', 'contact_email', 'customer.email'])
      .firstName(['customer.first_name', 'billing_address.first_name', 'shipping_address.first_name'])
      .lastName(['customer.last_name', 'billing_address.last_name', 'shipping_address.last_name'])
      .country(['billing_address.country_code', 'shipping_address.country_code'])
      .text('city', ['billing_address.city', 'shipping_address.city'])
      .state(['billing_address.province_code', 'shipping_address.province_code'])
      .currency(['currency', 'presentment_currency'])
      .total(['total_price', 'current_total_price'])
      .items('line_items', { name: ['title', 'name'], price: 'price', quantity: 'quantity', id: 'product_id' })
      .text('ip', ['browser_ip', 'client_details.browser_ip'])
      .time(['processed_at', 'created_at'])
      .text('orderStatus', 'financial_status');
    const topic = headers['x-shopify-topic'] as string;
    reading.set('event', topic, 'header:x-shopify-topic');
    // One order is one conversion, whichever of its topics arrives (the retry headers dedupe first).
    const orderId = reading.pick('id')?.value;
    if (typeof orderId === 'number' || typeof orderId === 'string') reading.set('eventId', `shopify:order:${orderId}`, 'id');
    const status = reading.fields.orderStatus;
    if (reading.pick('test')?.value === true) reading.notShown('Shopify test order', 'test');
    else if (topic === 'orders/cancelled' || reading.pick('cancelled_at'))
      reading.notShown('order cancelled', 'cancelled_at');
    else if (status && NOT_PAID.has(status)) reading.notShown(`order ${status.replace('_', ' ')}`, 'financial_status');
    return reading.done();
  },
};
