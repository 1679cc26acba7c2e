// PayPal REST webhooks (https://developer.paypal.com/api/rest/webhooks/event-names/): Orders v2 checkout orders and payment captures.
import { toText } from '../../normalize/text-limits.ts';
import { type ReadingBuilder, readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Statuses that mean the buyer has paid: an approved order is captured by the merchant's checkout right after. */
const PAID = new Set(['approved', 'completed']);
/** Event names that report money not (or no longer) received, whatever the resource's own status says. */
const UNDONE = /\.(?:REFUNDED|REVERSED|DENIED|DECLINED|PENDING|VOIDED|CANCELLED|FAILED)$/;
const MAX_PURCHASE_UNITS = 10;

export const paypalRestProfile: SenderProfile = {
  id: 'paypal-rest',
  name: 'PayPal',
  docs: 'https://developer.paypal.com/api/rest/webhooks/',
  headers: ['paypal-transmission-id'],
  matches: ({ body }) => isRecord(body) && typeof body.event_type === 'string' && isRecord(body.resource),
  read({ body }) {
    const event = body as { event_type: string; resource: Record<string, unknown> };
    const reading = readingOf(body)
      .text('event', 'event_type')
      .time(['create_time', 'resource.update_time', 'resource.create_time']);
    const units = event.resource.purchase_units;
    if (Array.isArray(units)) readOrder(reading, units.length);
    else readPayment(reading);
    judgePayment(reading, event.event_type);
    reading.detectIn(withoutPayee(body as Record<string, unknown>));
    return reading.done();
  },
};

/** An Orders v2 order (https://developer.paypal.com/docs/api/orders/v2/#orders_get): payer, shipping, purchase units. */
function readOrder(reading: ReadingBuilder, unitCount: number): void {
  const unit = 'resource.purchase_units[0]';
  reading
    .email(['resource.payer.email_address', 'resource.payment_source.paypal.email_address'])
    .firstName(['resource.payer.name.given_name', 'resource.payment_source.paypal.name.given_name'])
    .lastName(['resource.payer.name.surname', 'resource.payment_source.paypal.name.surname'])
    .fullName(`${unit}.shipping.name.full_name`)
    .country([`${unit}.shipping.address.country_code`, 'resource.payer.address.country_code'])
    .text('city', `${unit}.shipping.address.admin_area_2`)
    .state(`${unit}.shipping.address.admin_area_1`)
    .currency(`${unit}.amount.currency_code`)
    .total(`${unit}.amount.value`);
  const count = Math.min(unitCount, MAX_PURCHASE_UNITS);
  const sum = count > 1 ? sumOfUnits(reading, count) : undefined;
  if (sum !== undefined) reading.set('total', sum, 'resource.purchase_units');
  reading.items(
    Array.from({ length: count }, (_, i) => `resource.purchase_units[${i}].items`),
    { name: 'name', price: 'unit_amount.value', quantity: 'quantity', id: 'sku', link: 'url', image: 'image_url' },
  );
  const orderId = toText(reading.pick('resource.id')?.value);
  if (orderId) reading.set('eventId', `paypal:order:${orderId}`, 'resource.id');
}

/** Several purchase units are one order: their amounts add up when they share the currency. */
function sumOfUnits(reading: ReadingBuilder, count: number): number | undefined {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const same = reading.pick(`resource.purchase_units[${i}].amount.currency_code`)?.value === reading.fields.currency;
    const value = reading.money(reading.pick(`resource.purchase_units[${i}].amount.value`)?.value);
    if (!same || value === undefined) return undefined;
    sum += value;
  }
  return Math.round(sum * 100) / 100;
}

/** A capture (or a v1 sale): an amount and a status, with no buyer; the order id joins it to the order's event. */
function readPayment(reading: ReadingBuilder): void {
  reading
    .currency(['resource.amount.currency_code', 'resource.amount.currency'])
    .total(['resource.amount.value', 'resource.amount.total']);
  const order = reading.pick('resource.supplementary_data.related_ids.order_id');
  const own = reading.pick('resource.id');
  if (order && toText(order.value)) reading.set('eventId', `paypal:order:${toText(order.value)}`, order.path);
  else if (own && toText(own.value)) reading.set('eventId', `paypal:payment:${toText(own.value)}`, own.path);
}

function judgePayment(reading: ReadingBuilder, type: string): void {
  const found = reading.pick(['resource.status', 'resource.state']);
  const status = typeof found?.value === 'string' ? found.value.toLowerCase() : undefined;
  if (found && status) reading.set('orderStatus', status, found.path);
  if (UNDONE.test(type)) reading.notShown(`PayPal event ${type}`, 'event_type');
  else if (found && status && !PAID.has(status))
    reading.notShown(`PayPal status is ${JSON.stringify(status)}`, found.path);
}

/** The payee is the merchant (`purchase_units[].payee`, a capture's `payee`): detection must not take its email. */
function withoutPayee(body: Record<string, unknown>): Record<string, unknown> {
  const resource = { ...(body.resource as Record<string, unknown>) };
  delete resource.payee;
  if (Array.isArray(resource.purchase_units)) {
    resource.purchase_units = resource.purchase_units.map((unit) => {
      if (!isRecord(unit)) return unit;
      const { payee: _payee, ...rest } = unit;
      return rest;
    });
  }
  return { ...body, resource };
}
