// PayPal Instant Payment Notification: form-encoded variables (https://developer.paypal.com/api/nvp-soap/ipn/IPNandPDTVariables/).
import { capText, toText } from '../../normalize/text-limits.ts';
import type { ProductLine } from '../../normalize/types.ts';
import { type ReadingBuilder, readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** The merchant's own address and id: never the buyer's, so detection does not see them either. */
const MERCHANT_KEYS = new Set(['receiver_email', 'business', 'receiver_id']);
/** PayPal numbers cart lines item_name1, item_name2… (`num_cart_items` of them). */
const MAX_CART_LINES = 100;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const paypalIpnProfile: SenderProfile = {
  id: 'paypal-ipn',
  name: 'PayPal IPN',
  docs: 'https://developer.paypal.com/api/nvp-soap/ipn/IPNandPDTVariables/',
  userAgents: ['paypal'],
  bodyKeys: ['verify_sign', 'ipn_track_id', 'txn_type'],
  matches: ({ body }) =>
    isRecord(body) &&
    (typeof body.verify_sign === 'string' || typeof body.ipn_track_id === 'string') &&
    (typeof body.txn_type === 'string' || typeof body.payment_status === 'string'),
  read({ body }) {
    const form = body as Record<string, unknown>;
    const reading = readingOf(body)
      .email('payer_email')
      .firstName('first_name')
      .lastName('last_name')
      .fullName('address_name')
      .country(['address_country_code', 'residence_country'])
      .text('city', 'address_city')
      .state('address_state')
      .currency(['mc_currency', 'currency_code'])
      .total(['mc_gross', 'payment_gross', 'amount'])
      .time(['payment_date', 'subscr_date'])
      .text('event', 'txn_type');
    const txnId = toText(form.txn_id);
    if (txnId) reading.set('eventId', `paypal:txn:${txnId}`, 'txn_id');
    readItems(reading, form);
    judgePayment(reading, form);
    reading.detectIn(Object.fromEntries(Object.entries(form).filter(([key]) => !MERCHANT_KEYS.has(key))));
    return reading.done();
  },
};

/** Cart lines carry `mc_gross_N`, the line's amount for `quantityN` units; a single item uses the unnumbered names. */
function readItems(reading: ReadingBuilder, form: Record<string, unknown>): void {
  const lines: { line: ProductLine; source: string }[] = [];
  const count = Math.min(MAX_CART_LINES, Number(toText(form.num_cart_items) ?? 0) || 0);
  const suffixes = count > 0 ? Array.from({ length: count }, (_, i) => `${i + 1}`) : [''];
  for (const n of suffixes) {
    const name = toText(form[`item_name${n}`]);
    if (!name) continue;
    const line: ProductLine = { name: capText(name) };
    const id = toText(form[`item_number${n}`]);
    if (id) line.id = capText(id);
    const quantity = Number(toText(form[`quantity${n}`]));
    if (quantity > 0) line.quantity = quantity;
    const gross = reading.money(n === '' ? form.mc_gross : form[`mc_gross_${n}`]);
    if (gross !== undefined) line.price = Math.round((gross / (line.quantity ?? 1)) * 1000) / 1000;
    lines.push({ line, source: `item_name${n}` });
  }
  if (lines.length === 0) return;
  let main = lines[0] as (typeof lines)[number];
  for (const entry of lines) if ((entry.line.price ?? -1) > (main.line.price ?? -1)) main = entry;
  const source = count > 0 ? 'num_cart_items' : 'item_name';
  reading
    .set(
      'products',
      lines.map(({ line }) => line),
      source,
    )
    .set('moreProducts', lines.length - 1, source)
    .set('productName', main.line.name, main.source);
}

/** Only `payment_status=Completed` is money received; sandbox messages (`test_ipn=1`) are never shown. */
function judgePayment(reading: ReadingBuilder, form: Record<string, unknown>): void {
  const status = toText(form.payment_status)?.toLowerCase();
  if (status) reading.set('orderStatus', status, 'payment_status');
  if (toText(form.test_ipn) === '1') reading.notShown('PayPal sandbox notification (test_ipn=1)', 'test_ipn');
  else if (!status) reading.notShown(`PayPal ${toText(form.txn_type) ?? 'IPN'} message is not a payment`, 'txn_type');
  else if (status !== 'completed') reading.notShown(`payment status is ${JSON.stringify(status)}`, 'payment_status');
}
