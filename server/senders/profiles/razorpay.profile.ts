// Razorpay webhooks (https://razorpay.com/docs/webhooks/payments/): an event whose payload holds the payment entity.
import { toText } from '../../normalize/text-limits.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Events after which the money is received: a captured payment, or its order marked paid. */
const PAID_EVENTS = new Set(['payment.captured', 'order.paid']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const razorpayProfile: SenderProfile = {
  id: 'razorpay',
  name: 'Razorpay',
  docs: 'https://razorpay.com/docs/webhooks/payments/',
  headers: ['x-razorpay-signature', 'x-razorpay-event-id'],
  bodyKeys: ['contains'],
  matches: ({ body }) =>
    isRecord(body) && body.entity === 'event' && typeof body.event === 'string' && isRecord(body.payload),
  read({ body }) {
    const p = 'payload.payment.entity';
    const reading = readingOf(body)
      .text('event', 'event')
      .email(`${p}.email`)
      .fullName(`${p}.card.name`)
      .currency([`${p}.currency`, 'payload.order.entity.currency'])
      // Amounts are integers in the currency subunit: paise for INR (https://razorpay.com/docs/api/payments/).
      .total([`${p}.amount`, 'payload.order.entity.amount_paid'], { minorUnits: true })
      .text('productName', `${p}.description`)
      .time([`${p}.created_at`, 'created_at']);
    // payment.authorized, payment.captured and order.paid all describe one payment: one conversion.
    const paymentId = toText(reading.pick(`${p}.id`)?.value);
    if (paymentId) reading.set('eventId', `razorpay:payment:${paymentId}`, `${p}.id`);
    const status = toText(reading.pick(`${p}.status`)?.value)?.toLowerCase();
    if (status) reading.set('orderStatus', status, `${p}.status`);
    const event = reading.fields.event ?? '';
    if (!PAID_EVENTS.has(event)) reading.notShown(`Razorpay event ${event} is not a captured payment`, 'event');
    else if (status && status !== 'captured')
      reading.notShown(`payment status is ${JSON.stringify(status)}`, `${p}.status`);
    return reading.done();
  },
};
