// Gumroad Ping and resource subscriptions: a form-encoded sale (https://gumroad.com/ping).
import { toText } from '../../normalize/text-limits.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
/** Form values are text: Gumroad writes booleans as "true"/"false". */
const isTrue = (value: unknown) => value === true || value === 'true';

export const gumroadProfile: SenderProfile = {
  id: 'gumroad',
  name: 'Gumroad',
  docs: 'https://gumroad.com/ping',
  bodyKeys: ['seller_id', 'sale_id'],
  matches: ({ body }) => isRecord(body) && typeof body.seller_id === 'string' && typeof body.sale_id === 'string',
  read({ body }) {
    const form = body as Record<string, unknown>;
    const reading = readingOf(body)
      .email('email')
      .fullName('full_name')
      .country('ip_country')
      // "price: the price paid, in USD cents"; a `currency` field, when sent, names another currency.
      .currency('currency');
    if (!reading.fields.currency) reading.set('currency', 'USD', 'price');
    reading
      .total('price', { minorUnits: true })
      .time('sale_timestamp')
      .text('productName', 'product_name')
      .link('product_permalink');
    const name = reading.fields.productName;
    if (name) {
      const quantity = Number(toText(form.quantity)) || undefined;
      const total = reading.fields.total;
      const id = toText(form.product_id);
      const line = {
        name,
        ...(total !== undefined && { price: Math.round((total / (quantity ?? 1)) * 1000) / 1000 }),
        ...(quantity && { quantity }),
        ...(id && { id }),
        ...(reading.fields.productLink && { link: reading.fields.productLink }),
      };
      reading.set('products', [line], 'product_name').set('moreProducts', 0, 'product_name');
    }
    const resource = toText(form.resource_name) ?? 'sale';
    reading.set('event', resource, form.resource_name === undefined ? 'sale_id' : 'resource_name');
    const saleId = toText(form.sale_id);
    if (saleId) reading.set('eventId', `gumroad:sale:${saleId}`, 'sale_id');
    if (isTrue(form.refunded)) reading.set('orderStatus', 'refunded', 'refunded');
    if (isTrue(form.test)) reading.notShown('Gumroad test purchase', 'test');
    else if (resource !== 'sale') reading.notShown(`Gumroad ${resource} is not a sale`, 'resource_name');
    else if (isTrue(form.refunded)) reading.notShown('sale refunded', 'refunded');
    else if (isTrue(form.disputed) || isTrue(form.chargebacked)) reading.notShown('sale disputed', 'disputed');
    return reading.done();
  },
};
