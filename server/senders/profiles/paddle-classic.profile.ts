// Paddle Classic webhook alerts, form-encoded and signed in p_signature (https://developer.paddle.com/webhook-reference/intro).
import { toText } from '../../normalize/text-limits.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Alerts that are a purchase or a new subscription; every other alert (refunds, failures, cancellations) is not shown. */
const PURCHASES = new Set([
  'payment_succeeded',
  'subscription_created',
  'subscription_payment_succeeded',
  'locker_processed',
  'invoice_paid',
]);
/** Subscription statuses that are not a running subscription (https://developer.paddle.com/reference/platform-parameters/event-statuses). */
const NOT_RUNNING = new Set(['past_due', 'paused', 'deleted']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const paddleClassicProfile: SenderProfile = {
  id: 'paddle-classic',
  name: 'Paddle Classic',
  docs: 'https://developer.paddle.com/webhook-reference/intro',
  bodyKeys: ['p_signature', 'alert_name'],
  matches: ({ body }) =>
    isRecord(body) &&
    typeof body.alert_name === 'string' &&
    (typeof body.p_signature === 'string' || 'alert_id' in body),
  read({ body }) {
    const form = body as Record<string, unknown>;
    const alert = toText(form.alert_name) ?? '';
    // event_time is UTC without a zone ("2024-03-03 10:15:32"), which parseTime reads as UTC.
    const reading = readingOf(body)
      .text('event', 'alert_name')
      .email(['email', 'customer_email'])
      .fullName(['customer_name'])
      .country(['country', 'customer_country'])
      .text('city', 'customer_city')
      .state('customer_state')
      .currency(['currency', 'balance_currency'])
      .total(['sale_gross', 'amount', 'balance_gross'])
      .text('productName', ['product_name', 'plan_name'])
      .time('event_time');
    const product = reading.fields.productName;
    if (product) {
      const unit = reading.money(form.unit_price);
      const quantity = Number(toText(form.quantity)) || undefined;
      const line = { name: product, ...(unit !== undefined && { price: unit }), ...(quantity && { quantity }) };
      reading
        .set('products', [line], reading.sources.productName ?? 'product_name')
        .set('moreProducts', 0, 'product_name');
    }
    // One checkout is one conversion: subscription_created and the first subscription_payment_succeeded share it.
    const checkout = toText(form.checkout_id);
    const alertId = toText(form.alert_id);
    if (checkout) reading.set('eventId', `paddle:checkout:${checkout}`, 'checkout_id');
    else if (alertId) reading.set('eventId', `paddle:alert:${alertId}`, 'alert_id');
    const status = toText(form.status)?.toLowerCase();
    if (status) reading.set('orderStatus', status, 'status');
    if (!PURCHASES.has(alert)) reading.notShown(`Paddle alert ${alert} is not a purchase`, 'alert_name');
    else if (status && NOT_RUNNING.has(status))
      reading.notShown(`subscription status is ${JSON.stringify(status)}`, 'status');
    return reading.done();
  },
};
