// ThriveCart webhook notifications (form-encoded; every price in hundreds, 1499 is $14.99):
// https://support.thrivecart.com/help/using-webhook-notifications/
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Events that are a payment; refunds, cancellations and failed rebills are not shown. */
const PAID_EVENTS = new Set(['order.success', 'order.subscription_payment']);

export const thrivecartProfile: SenderProfile = {
  id: 'thrivecart',
  name: 'ThriveCart',
  docs: 'https://support.thrivecart.com/help/using-webhook-notifications/',
  bodyKeys: ['thrivecart_account', 'thrivecart_secret'],
  matches: ({ body }) =>
    body !== null && typeof body === 'object' && typeof (body as Record<string, unknown>).event === 'string',
  read({ body }) {
    const reading = readingOf(body)
      .text('event', 'event')
      .email('customer.email')
      .firstName(['customer.first_name', 'customer.firstname'])
      .lastName(['customer.last_name', 'customer.lastname'])
      .fullName('customer.name')
      .country(['customer.address.country'])
      .text('city', 'customer.address.city')
      .state('customer.address.state')
      .text('ip', 'customer.ip_address')
      .currency('currency')
      .total('order.total', { minorUnits: true })
      // Front-end product, bump, upsells: each charge is one line, amounts in hundreds.
      .items(
        'order.charges',
        { name: 'name', price: 'amount', quantity: 'quantity', id: 'item_id' },
        { minorUnits: true },
      )
      .time(['order.date_unix', 'order.date', 'order_date']);
    if (reading.fields.productName === undefined) reading.text('productName', 'base_product_name');
    const orderId = reading.pick('order_id');
    const event = reading.fields.event ?? '';
    if (orderId && (typeof orderId.value === 'string' || typeof orderId.value === 'number'))
      reading.set('eventId', `thrivecart:${event}:${orderId.value}`, 'order_id');
    if (!PAID_EVENTS.has(event)) reading.notShown(`ThriveCart ${event || 'event'}`, 'event');
    return reading.done();
  },
};
