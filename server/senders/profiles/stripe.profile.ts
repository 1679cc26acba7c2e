// Stripe events (https://docs.stripe.com/api/events/object) about a Checkout Session, PaymentIntent, Charge or Invoice.
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

const OBJECT = 'data.object';
/** Where each object keeps the buyer's address, in the order they are tried. */
const ADDRESSES = ['customer_details.address', 'billing_details.address', 'customer_address', 'shipping.address'];
/** Event types that undo a payment whatever the object's status says. */
const UNDONE = /\.(?:refunded|expired|canceled|payment_failed|voided|marked_uncollectible)$|^charge\.dispute\./;

/** Subscription lines are described as "2 × Pro plan (at $19.99 / month)": the plan's name is in between. */
const LINE_DESCRIPTION = /^\d+\s*×\s*(.+?)(?:\s+\([^)]*\))?$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const at = (paths: readonly string[]) => paths.map((path) => `${OBJECT}.${path}`);

export const stripeProfile: SenderProfile = {
  id: 'stripe',
  name: 'Stripe',
  docs: 'https://docs.stripe.com/webhooks',
  headers: ['stripe-signature'],
  userAgents: ['stripe'],
  bodyKeys: ['livemode', 'pending_webhooks'],
  matches: ({ body }) =>
    isRecord(body) &&
    body.object === 'event' &&
    typeof body.type === 'string' &&
    isRecord(body.data) &&
    isRecord(body.data.object),
  read({ body }) {
    const reading = readingOf(body)
      .text('event', 'type')
      .text('eventId', 'id')
      .time('created')
      .email(at(['customer_details.email', 'customer_email', 'billing_details.email', 'receipt_email']))
      .fullName(at(['customer_details.name', 'billing_details.name', 'customer_name', 'shipping.name']));
    const address = ADDRESSES.map((path) => `${OBJECT}.${path}`).find((path) => isRecord(reading.pick(path)?.value));
    if (address) reading.country(`${address}.country`).text('city', `${address}.city`).state(`${address}.state`);
    // Amounts are integers in the currency's smallest unit (https://docs.stripe.com/currencies#zero-decimal).
    reading
      .currency(`${OBJECT}.currency`)
      .total(at(['amount_total', 'amount_paid', 'amount_received', 'amount_captured', 'amount']), { minorUnits: true })
      .items(
        at(['line_items.data', 'lines.data']),
        {
          name: ['price.product.name', 'description'],
          price: ['price.unit_amount', 'pricing.unit_amount_decimal'],
          lineTotal: ['amount_total', 'amount'],
          quantity: 'quantity',
          id: ['price.product.id', 'price.product'],
        },
        { minorUnits: true },
      );
    cleanLineNames(reading);
    judgePayment(reading, (body as { type: string }).type);
    return reading.done();
  },
};

/** Invoice line descriptions (https://docs.stripe.com/api/invoice-line-item/object#invoice_line_item_object-description) without the count and price. */
function cleanLineNames(reading: ReturnType<typeof readingOf>): void {
  const { products, productName } = reading.fields;
  const clean = (name: string) => LINE_DESCRIPTION.exec(name)?.[1] ?? name;
  if (products) {
    const lines = products.map((line) => (line.name ? { ...line, name: clean(line.name) } : line));
    reading.set('products', lines, reading.sources.products ?? '');
  }
  if (productName) reading.set('productName', clean(productName), reading.sources.productName ?? '');
}

/**
 * Shown once paid: a Checkout Session's payment_status paid or no_payment_required
 * (https://docs.stripe.com/api/checkout/sessions/object#checkout_session_object-payment_status), a PaymentIntent or
 * Charge that succeeded, an Invoice with status paid. Test-mode events (livemode: false) are shown like live ones:
 * owners try the integration with them, and the existing ingest tests send them as ordinary purchases.
 */
function judgePayment(reading: ReturnType<typeof readingOf>, type: string): void {
  const kind = reading.pick(`${OBJECT}.object`)?.value;
  const statusPath = kind === 'checkout.session' ? `${OBJECT}.payment_status` : `${OBJECT}.status`;
  const found = reading.pick(statusPath)?.value;
  const status = typeof found === 'string' ? found.toLowerCase() : undefined;
  reading.set('orderStatus', status, statusPath);
  if (kind === 'charge' && reading.pick(`${OBJECT}.refunded`)?.value === true) {
    reading.set('orderStatus', 'refunded', `${OBJECT}.refunded`);
    return void reading.notShown('charge refunded', `${OBJECT}.refunded`);
  }
  if (UNDONE.test(type)) return void reading.notShown(`Stripe event ${type}`, 'type');
  if (status === undefined) return;
  const paid =
    kind === 'checkout.session'
      ? status === 'paid' || status === 'no_payment_required'
      : kind === 'payment_intent' || kind === 'charge'
        ? status === 'succeeded'
        : kind === 'invoice'
          ? status === 'paid'
          : true;
  if (!paid) reading.notShown(`${String(kind).replace(/[._]/g, ' ')} status is ${JSON.stringify(status)}`, statusPath);
}
