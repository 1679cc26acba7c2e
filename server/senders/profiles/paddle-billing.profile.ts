// Paddle Billing notifications (https://developer.paddle.com/webhooks/overview): JSON events signed in Paddle-Signature.
import { toText } from '../../normalize/text-limits.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** A transaction is paid once `transaction.paid` or `transaction.completed` occurs (https://developer.paddle.com/build/transactions/create-transaction). */
const PAID_EVENTS = new Set(['transaction.completed', 'transaction.paid']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const paddleBillingProfile: SenderProfile = {
  id: 'paddle-billing',
  name: 'Paddle Billing',
  docs: 'https://developer.paddle.com/webhooks/transactions/transaction-completed',
  headers: ['paddle-signature'],
  bodyKeys: ['notification_id'],
  matches: ({ body }) =>
    isRecord(body) &&
    typeof body.event_type === 'string' &&
    typeof body.occurred_at === 'string' &&
    isRecord(body.data),
  read({ body }) {
    const type = toText((body as Record<string, unknown>).event_type) ?? '';
    // A transaction names its customer by id only (customer_id); the email is the customer entity's, fetched from the API.
    const reading = readingOf(body)
      .text('event', 'event_type')
      .time('occurred_at')
      .email('data.email')
      .fullName(['data.name', 'data.payments[0].method_details.card.cardholder_name'])
      .currency('data.currency_code')
      // Amounts are strings in the currency's lowest denomination (https://developer.paddle.com/concepts/sell/supported-currencies).
      .total(['data.details.totals.total', 'data.details.totals.grand_total'], { minorUnits: true });
    const lines = reading.pick('data.details.line_items')?.value;
    if (Array.isArray(lines) && lines.length > 0) {
      reading.items(
        'data.details.line_items',
        {
          name: 'product.name',
          price: 'unit_totals.subtotal',
          quantity: 'quantity',
          id: 'product.id',
          image: 'product.image_url',
        },
        { minorUnits: true },
      );
    } else {
      reading.items(
        'data.items',
        {
          name: ['price.name', 'price.description'],
          price: 'price.unit_price.amount',
          quantity: 'quantity',
          id: 'price.product_id',
        },
        { minorUnits: true },
      );
    }
    // transaction.paid and transaction.completed follow each other for one transaction: one conversion.
    const id = toText(reading.pick('data.id')?.value);
    if (type.startsWith('transaction.') && id) reading.set('eventId', `paddle:transaction:${id}`, 'data.id');
    else reading.text('eventId', 'event_id');
    const status = toText(reading.pick('data.status')?.value)?.toLowerCase();
    if (status) reading.set('orderStatus', status, 'data.status');
    if (!PAID_EVENTS.has(type)) reading.notShown(`Paddle event ${type} is not a completed payment`, 'event_type');
    return reading.done();
  },
};
