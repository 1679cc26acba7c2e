// Decides whether an order/payment status means "not paid (yet)": such events are recorded but not shown.
import type { Envelope } from './envelopes.ts';
import { foldText, type KeyInfo, wordSet } from './key-words.ts';
import { perKey } from './key-cache.ts';
import { capText } from './text-limits.ts';
import { type Container, ownValue, type Walk } from './walk-payload.ts';

export interface FoundStatus {
  orderStatus?: string;
  notShownReason?: string;
  source?: string;
}

/**
 * Unpaid words across senders, folded: a hosted store platform's documented order and payment statuses (pending, voided,
 * timeouted, cancelled, failed, refunded, requested), Shopify's financial_status, WooCommerce's
 * on-hold/checkout-draft, Stripe's requires_* and incomplete.
 */
const UNPAID: ReadonlySet<string> = wordSet(`
  pending voided void timeouted timedout timeout cancelled canceled failed failure refunded declined
  expired unpaid notpaid abandoned onhold awaitingpayment requested rejected denied chargedback
  chargeback reversed incomplete incompleteexpired requirespaymentmethod requiresaction
  requiresconfirmation draft checkoutdraft trash
`);
/** Paid or in fulfilment: shown. */
const PAID: ReadonlySet<string> = wordSet(`
  paid complete completed processing processed succeeded success successful approved authorized
  authorised captured settled fulfilled partiallypaid partiallyrefunded partiallyfulfilled trialing
  shipped delivered confirmed held nopaymentrequired accepted
`);
/**
 * Words in an event's name that say it undoes or never made a sale: `charge:failed` (Coinbase
 * Commerce), `order.refunded`, `BOOKING_CANCELLED`, `members:pledge:delete`. `pending` is not
 * one: some senders call a paid charge pending until it settles.
 */
const UNDONE_EVENT_WORDS: ReadonlySet<string> = wordSet(`
  failed failure refunded refund canceled cancelled expired declined voided abandoned chargeback
  disputed deleted delete rejected
`);
/** Keys that are an order/payment status whatever their value; a bare `status` counts only with a known word. */
const STATUS_KEYS: ReadonlyMap<string, string> = new Map([
  ['orderstatus', 'order status'],
  ['financialstatus', 'financial status'],
  ['paymentstatus', 'payment status'],
  ['transactionstatus', 'transaction status'],
  ['checkoutstatus', 'checkout status'],
  ['paymentstate', 'payment state'],
  ['orderstate', 'order state'],
  // Patreon's `last_charge_status`: Paid, Declined, Pending, Refunded, Fraud (https://docs.patreon.com/#member).
  ['chargestatus', 'charge status'],
  ['lastchargestatus', 'charge status'],
  ['status', 'order status'],
]);
/** Records whose status is the order's: the subject itself or a child named like these. */
const ORDER_RECORDS = /^(?:order|payment|transaction|checkout|purchase|invoice|charge|sale|paymentintent)s?$/;
const MAX_STATUS_CHARS = 64;

export function findOrderStatus(walk: Walk, envelope: Envelope): FoundStatus {
  const stripe = stripeStatus(walk, envelope);
  if (stripe?.notShownReason) return stripe;

  let recognized: FoundStatus | undefined;
  for (const leaf of walk.leaves) {
    const label = statusLabel(leaf.key);
    if (!label || typeof leaf.value !== 'string' || leaf.isItem || !isOrderRecord(walk, leaf.parent, envelope))
      continue;
    const value = capText(leaf.value.toLowerCase(), MAX_STATUS_CHARS);
    const folded = foldText(value);
    const explicit = leaf.key.norm !== 'status';
    if (UNPAID.has(folded)) {
      return { orderStatus: value, notShownReason: `${label} is ${JSON.stringify(value)}`, source: leaf.path };
    }
    if (!recognized && value !== '' && (explicit || PAID.has(folded)))
      recognized = { orderStatus: value, source: leaf.path };
  }
  const found = stripe ?? recognized ?? {};
  // A Stripe object's own status is the authority on it (stripeStatus); elsewhere the event's name can tell.
  const undone = !stripe && envelope.event && undoneEvent(envelope.event.value);
  return undone && envelope.event
    ? { ...found, notShownReason: `event is ${JSON.stringify(undone)}`, source: envelope.event.path }
    : found;
}

/** The event's name when a word in it says the sale failed or was undone. */
function undoneEvent(name: string): string | undefined {
  const value = capText(name, MAX_STATUS_CHARS);
  for (const word of value.toLowerCase().split(/[^a-z]+/)) if (UNDONE_EVENT_WORDS.has(word)) return value;
  return undefined;
}

function isOrderRecord(walk: Walk, index: number, envelope: Envelope): boolean {
  if (envelope.topLevel.includes(index)) return true;
  const container: Container | undefined = walk.containers[index];
  return (
    container !== undefined &&
    !container.isItem &&
    envelope.topLevel.includes(container.parent) &&
    isOrderKey(container.key)
  );
}

const isOrderKey = perKey((key: KeyInfo) => ORDER_RECORDS.test(key.norm));
const statusLabel = perKey((key: KeyInfo) => STATUS_KEYS.get(key.norm));

/**
 * Stripe: a Checkout Session counts once paid (https://docs.stripe.com/api/checkout/sessions/object#checkout_session_object-payment_status),
 * a PaymentIntent once succeeded (https://docs.stripe.com/payments/paymentintents/lifecycle).
 * `no_payment_required` (free trials, 100% coupons) is a real signup and is shown.
 */
function stripeStatus(walk: Walk, envelope: Envelope): FoundStatus | undefined {
  const subject = envelope.stripeObject;
  if (!subject) return undefined;
  const container = walk.containers[subject.container];
  if (!container || container.isArray) return undefined;
  const record = container.value as Readonly<Record<string, unknown>>;
  const prefix = container.path === '' ? '' : `${container.path}.`;
  if (subject.type === 'checkout.session') {
    const paymentStatus = ownValue(record, 'payment_status');
    if (typeof paymentStatus !== 'string') return undefined;
    const value = capText(paymentStatus.toLowerCase(), MAX_STATUS_CHARS);
    const shown = value === 'paid' || value === 'no_payment_required';
    return {
      orderStatus: value,
      source: `${prefix}payment_status`,
      ...(!shown && { notShownReason: `checkout session payment status is ${JSON.stringify(value)}` }),
    };
  }
  if (subject.type === 'payment_intent') {
    const status = ownValue(record, 'status');
    if (typeof status !== 'string') return undefined;
    const value = capText(status.toLowerCase(), MAX_STATUS_CHARS);
    return {
      orderStatus: value,
      source: `${prefix}status`,
      ...(value !== 'succeeded' && { notShownReason: `payment intent status is ${JSON.stringify(value)}` }),
    };
  }
  return undefined;
}
