// Square webhooks (https://developer.squareup.com/docs/webhooks/overview): payment.created/updated and order events.
import { toText } from '../../normalize/text-limits.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const squareProfile: SenderProfile = {
  id: 'square',
  name: 'Square',
  docs: 'https://developer.squareup.com/reference/square/payments-api/webhooks/payment.updated',
  headers: ['x-square-hmacsha256-signature', 'x-square-signature'],
  bodyKeys: ['merchant_id'],
  matches: ({ body }) =>
    isRecord(body) && typeof body.type === 'string' && typeof body.merchant_id === 'string' && isRecord(body.data),
  read({ body }) {
    const p = 'data.object.payment';
    const reading = readingOf(body)
      .text('event', 'type')
      .email(`${p}.buyer_email_address`)
      .firstName([`${p}.billing_address.first_name`, `${p}.shipping_address.first_name`])
      .lastName([`${p}.billing_address.last_name`, `${p}.shipping_address.last_name`])
      .fullName(`${p}.card_details.card.cardholder_name`)
      .country([`${p}.billing_address.country`, `${p}.shipping_address.country`])
      .text('city', [`${p}.billing_address.locality`, `${p}.shipping_address.locality`])
      .state([
        `${p}.billing_address.administrative_district_level_1`,
        `${p}.shipping_address.administrative_district_level_1`,
      ])
      // Money is an integer in the currency's smallest denomination (https://developer.squareup.com/docs/build-basics/common-data-types/working-with-monetary-amounts).
      .currency([`${p}.total_money.currency`, `${p}.amount_money.currency`])
      .total([`${p}.total_money.amount`, `${p}.amount_money.amount`], { minorUnits: true })
      .time(['created_at', `${p}.updated_at`]);
    // Each payment is updated several times (APPROVED, COMPLETED, refunds): one conversion per payment.
    const paymentId = toText(reading.pick(`${p}.id`)?.value);
    if (paymentId) reading.set('eventId', `square:payment:${paymentId}`, `${p}.id`);
    else reading.text('eventId', 'event_id');
    const status = toText(reading.pick(`${p}.status`)?.value)?.toLowerCase();
    if (status) reading.set('orderStatus', status, `${p}.status`);
    const refunded = reading.money(reading.pick(`${p}.refunded_money.amount`)?.value, { minorUnits: true });
    if (!isRecord(reading.pick(p)?.value))
      reading.notShown(`Square ${reading.fields.event} carries no payment`, 'type');
    else if (refunded) reading.notShown('payment refunded', `${p}.refunded_money.amount`);
    else if (status !== 'completed')
      reading.notShown(`payment status is ${JSON.stringify(status ?? '')}`, `${p}.status`);
    return reading.done();
  },
};
