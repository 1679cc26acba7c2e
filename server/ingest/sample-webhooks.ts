// Sample conversions in the formats real senders use, for the admin's "Send test" button.
import { randomUUID } from 'node:crypto';
import {
  SAMPLE_FORMATS,
  SAMPLE_PERSON,
  SAMPLE_PRODUCT,
  SAMPLE_TOTAL,
  type SampleFormat,
} from '../../shared/sample-purchase.ts';

export { SAMPLE_FORMATS, type SampleFormat };

export interface SampleWebhook {
  contentType: string;
  headers: Record<string, string>;
  body: string;
}

const { firstName: first, lastName: last, email, city, stateCode: state } = SAMPLE_PERSON;
const PERSON = { first, last, email, city, state };
/** One line that is the whole order: the senders' price fields are text with two decimals. */
const PRODUCT = { ...SAMPLE_PRODUCT, price: SAMPLE_TOTAL.total.toFixed(2) };

/** Each call makes a new event (new ids), so a test is never taken for a duplicate of the last one. */
export function sampleWebhook(format: SampleFormat, now: number): SampleWebhook {
  const id = randomUUID();
  const json = (value: unknown, headers: Record<string, string> = {}): SampleWebhook => ({
    contentType: 'application/json',
    headers,
    body: JSON.stringify(value),
  });
  switch (format) {
    case 'proofhook':
      return json({
        email: PERSON.email,
        firstName: PERSON.first,
        lastName: PERSON.last,
        city: PERSON.city,
        countryCode: 'US',
        stateCode: PERSON.state,
        productName: PRODUCT.name,
        productLink: PRODUCT.link,
        total: 89,
        currency: 'USD',
        timestamp: now,
        guid: id,
      });
    case 'kajabi':
      return json({
        id,
        event: 'purchase',
        payload: [
          {
            email: PERSON.email,
            first_name: PERSON.first,
            last_name: PERSON.last,
            offer_title: 'Marketing Masterclass',
            amount_in_cents: 19700,
            currency: 'USD',
            created_at: new Date(now).toISOString(),
          },
        ],
      });
    case 'form':
      return {
        contentType: 'application/x-www-form-urlencoded',
        headers: {},
        body: new URLSearchParams({
          'data[email]': PERSON.email,
          'data[merges][FNAME]': PERSON.first,
          'data[merges][LNAME]': PERSON.last,
          type: 'subscribe',
          fired_at: new Date(now).toISOString(),
          'data[id]': id,
        }).toString(),
      };
    case 'stripe':
      return json({
        id: `evt_${id.replaceAll('-', '')}`,
        object: 'event',
        type: 'checkout.session.completed',
        created: Math.floor(now / 1000),
        data: {
          object: {
            object: 'checkout.session',
            amount_total: 8900,
            currency: 'usd',
            payment_status: 'paid',
            customer_details: {
              email: PERSON.email,
              name: `${PERSON.first} ${PERSON.last}`,
              address: { city: PERSON.city, country: 'US', state: PERSON.state },
            },
          },
        },
      });
    case 'shopify':
      return json(
        {
          id: Math.floor(now / 1000),
          email: PERSON.email,
          created_at: new Date(now).toISOString(),
          financial_status: 'paid',
          total_price: PRODUCT.price,
          currency: 'USD',
          customer: { first_name: PERSON.first, last_name: PERSON.last, email: PERSON.email },
          billing_address: { city: PERSON.city, province_code: PERSON.state, country_code: 'US' },
          line_items: [
            { title: PRODUCT.name, price: PRODUCT.price, quantity: 1 },
            { title: 'Socks', price: '9.00', quantity: 2 },
          ],
        },
        { 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': id },
      );
    case 'woocommerce':
      return json(
        {
          id: Math.floor(now / 1000),
          status: 'processing',
          currency: 'USD',
          total: PRODUCT.price,
          date_created_gmt: new Date(now).toISOString().slice(0, 19),
          billing: {
            first_name: PERSON.first,
            last_name: PERSON.last,
            email: PERSON.email,
            city: PERSON.city,
            state: PERSON.state,
            country: 'US',
          },
          line_items: [{ name: PRODUCT.name, price: 89, quantity: 1 }],
        },
        { 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-delivery-id': id },
      );
  }
}
