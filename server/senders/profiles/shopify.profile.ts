// Shopify order webhooks (orders/create, orders/paid; checkouts/* never shown): https://shopify.dev/docs/api/admin-rest/latest/resources/webhook
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
  matches: ({ headers }) => /^(?:orders|checkouts)\//.test(headers['x-shopify-topic'] ?? ''),
  read({ headers, body }) {
    const reading = readingOf(body)
      .email(['email', 'contact_email', 'customer.email'])
      .firstName(['customer.first_name', 'billing_address.first_name', 'shipping_address.first_name'])
      .lastName(['customer.last_name', 'billing_address.last_name', 'shipping_address.last_name'])
      .country(['billing_address.country_code', 'shipping_address.country_code'])
      .text('city', ['billing_address.city', 'shipping_address.city'])
      // `province` is the name ("Florida", "Tokyo"); `province_code` may be ISO 3166-2 ("JP-13") outside the US.
      .state(['billing_address.province', 'shipping_address.province'])
      .currency(['currency', 'presentment_currency'])
      .total(['total_price', 'current_total_price'])
      .items('line_items', { name: ['title', 'name'], price: 'price', quantity: 'quantity', id: 'product_id' })
      .text('ip', ['browser_ip', 'client_details.browser_ip'])
      .time(['processed_at', 'created_at'])
      .text('orderStatus', 'financial_status');
    const provinceCode = reading.pick(['billing_address.province_code', 'shipping_address.province_code']);
    if (reading.fields.stateCode === undefined && /^[A-Z0-9]{1,3}$/.test(String(provinceCode?.value))) {
      reading.set('stateCode', String(provinceCode?.value), provinceCode?.path ?? '');
    }
    const topic = headers['x-shopify-topic'] as string;
    reading.set('event', topic, 'header:x-shopify-topic');
    // One order is one conversion, whichever of its topics arrives (the retry headers dedupe first).
    const orderId = reading.pick('id')?.value;
    if (topic.startsWith('orders/') && (typeof orderId === 'number' || typeof orderId === 'string'))
      reading.set('eventId', `shopify:order:${orderId}`, 'id');
    const status = reading.fields.orderStatus;
    if (topic.startsWith('checkouts/'))
      reading.notShown('checkout not completed (abandoned or in progress)', 'header:x-shopify-topic');
    else if (reading.pick('test')?.value === true) reading.notShown('Shopify test order', 'test');
    else if (topic === 'orders/cancelled' || reading.pick('cancelled_at'))
      reading.notShown('order cancelled', 'cancelled_at');
    else if (status && NOT_PAID.has(status))
      reading.notShown(`order ${status.replaceAll('_', ' ')}`, 'financial_status');
    return reading.done();
  },
};
