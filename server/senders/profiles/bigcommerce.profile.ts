// BigCommerce order webhooks (store/order/created, updated, statusUpdated): https://developer.bigcommerce.com/docs/integrations/webhooks
// The callback carries only the order's id; a relay that fetches the V2 order
// (https://developer.bigcommerce.com/docs/rest-management/orders#get-an-order) and merges it into `data` is read too.
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { asObject } from './decode-jwt.ts';

/** V2 order status ids whose money has arrived: Shipped, Partially Shipped, Awaiting Pickup/Shipment, Completed, Awaiting Fulfillment. */
const PAID_STATUS_IDS = new Set([2, 3, 8, 9, 10, 11]);

export const bigcommerceProfile: SenderProfile = {
  id: 'bigcommerce',
  name: 'BigCommerce',
  docs: 'https://developer.bigcommerce.com/docs/integrations/webhooks',
  bodyKeys: ['producer', 'scope'],
  matches({ body }) {
    const callback = asObject(body);
    return (
      typeof callback?.scope === 'string' &&
      callback.scope.startsWith('store/order/') &&
      typeof callback.producer === 'string' &&
      callback.producer.startsWith('stores/')
    );
  },
  read({ body }) {
    const reading = readingOf(body)
      .text('event', 'scope')
      .time('created_at')
      .email('data.billing_address.email')
      .firstName('data.billing_address.first_name')
      .lastName('data.billing_address.last_name')
      .country(['data.billing_address.country_iso2', 'data.billing_address.country'])
      .state('data.billing_address.state')
      .text('city', 'data.billing_address.city')
      .text('ip', 'data.ip_address')
      .currency('data.currency_code')
      .total('data.total_inc_tax')
      .items('data.products', {
        name: 'name',
        price: 'price_inc_tax',
        lineTotal: 'total_inc_tax',
        quantity: 'quantity',
        id: 'product_id',
      })
      .text('orderStatus', 'data.status');
    const id = reading.pick('data.id')?.value;
    if (typeof id === 'number' || typeof id === 'string') reading.set('eventId', `bigcommerce:order:${id}`, 'data.id');
    if (reading.fields.email === undefined) {
      return reading
        .notShown(
          'BigCommerce sends only the order id: the buyer must be fetched from the Orders API (GET /v2/orders/{id})',
          'data.id',
        )
        .done();
    }
    const statusId = reading.pick('data.status_id')?.value;
    if (typeof statusId === 'number' && !PAID_STATUS_IDS.has(statusId)) {
      reading.notShown(`order ${(reading.fields.orderStatus ?? `status ${statusId}`).toLowerCase()}`, 'data.status_id');
    }
    return reading.done();
  },
};
