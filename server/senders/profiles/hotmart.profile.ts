// Hotmart purchase webhooks, version 2.0.0 {id, creation_date, event, version, data, hottok}:
// https://developers.hotmart.com/docs/en/2.0.0/webhook/purchase-webhook/
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** The events that are a sale; every other purchase event (refund, chargeback, billet printed…) is not shown. */
const SHOWN_EVENTS = new Set(['PURCHASE_APPROVED', 'PURCHASE_COMPLETE']);
const SHOWN_STATUSES = new Set(['APPROVED', 'COMPLETE', 'COMPLETED']);

export const hotmartProfile: SenderProfile = {
  id: 'hotmart',
  name: 'Hotmart',
  docs: 'https://developers.hotmart.com/docs/en/2.0.0/webhook/purchase-webhook/',
  headers: ['x-hotmart-hottok'],
  bodyKeys: ['hottok', 'creation_date'],
  matches({ body }) {
    if (body === null || typeof body !== 'object') return false;
    const { event, data } = body as Record<string, unknown>;
    return typeof event === 'string' && /^[A-Z_]+$/.test(event) && data !== null && typeof data === 'object';
  },
  read({ body }) {
    const reading = readingOf(body)
      .text('event', 'event')
      .email('data.buyer.email')
      .firstName('data.buyer.first_name')
      .lastName('data.buyer.last_name')
      .fullName('data.buyer.name')
      .country(['data.buyer.address.country_iso', 'data.purchase.checkout_country.iso', 'data.buyer.address.country'])
      .text('city', 'data.buyer.address.city')
      .state('data.buyer.address.state')
      .text('ip', 'data.purchase.buyer_ip')
      .text('productName', 'data.product.name')
      .currency(['data.purchase.price.currency_value', 'data.purchase.full_price.currency_value'])
      // Hotmart sends major units (1500 is R$ 1,500.00).
      .total(['data.purchase.price.value', 'data.purchase.full_price.value'])
      // Approval is when the sale happened (a boleto is ordered days before it is paid); epoch milliseconds.
      .time(['data.purchase.approved_date', 'data.purchase.order_date', 'creation_date']);
    const status = reading.pick('data.purchase.status');
    if (status && typeof status.value === 'string') reading.set('orderStatus', status.value.toLowerCase(), status.path);
    // APPROVED and, after the guarantee period, COMPLETE describe one purchase: one conversion.
    const transaction = reading.pick('data.purchase.transaction');
    if (transaction && typeof transaction.value === 'string')
      reading.set('eventId', `hotmart:purchase:${transaction.value}`, transaction.path);
    const event = reading.fields.event ?? '';
    if (event.startsWith('PURCHASE_') && !SHOWN_EVENTS.has(event))
      reading.notShown(`Hotmart ${event.slice(9).toLowerCase().replace(/_/g, ' ')}`, 'event');
    else if (event.startsWith('SUBSCRIPTION_CANCELLATION')) reading.notShown('Hotmart subscription cancelled', 'event');
    else if (status && typeof status.value === 'string' && !SHOWN_STATUSES.has(status.value.toUpperCase()))
      reading.notShown(`purchase ${status.value.toLowerCase()}`, status.path);
    return reading.done();
  },
};
