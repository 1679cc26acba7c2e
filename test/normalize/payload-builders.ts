// Payload builders for the normalizer tests: realistic sender shapes with overrides, and the fixed receive time.
import { readFileSync } from 'node:fs';
import { normalizePayload } from '../../server/normalize/normalize-payload.ts';
import type { NormalizeOptions } from '../../server/normalize/normalize-options.ts';
import type { GeoResult, NormalizeResult } from '../../server/normalize/types.ts';

export const RECEIVED_AT = Date.UTC(2024, 5, 1, 12, 0, 0);

type Json = Record<string, unknown>;

export function normalize(payload: unknown, options: Partial<NormalizeOptions> = {}): NormalizeResult {
  return normalizePayload(payload, { receivedAt: RECEIVED_AT, ...options });
}

/** A geo lookup that answers every IP with `result` and records what it was asked. */
export function fakeGeo(result: GeoResult | undefined = { city: 'Miami', countryCode: 'US', stateCode: 'FL' }) {
  const asked: string[] = [];
  return {
    asked,
    lookupIp: (ip: string): GeoResult | undefined => {
      asked.push(ip);
      return result;
    },
  };
}

export function loadFixture(name: string): Json {
  return JSON.parse(readFileSync(new URL(`../fixtures/payloads/${name}`, import.meta.url), 'utf8')) as Json;
}

/** The Proofhook conversion format's documented body, every field set. */
export function conversionFormat(overrides: Json = {}): Json {
  return {
    email: 'test@gmail.com',
    timestamp: 1528611279398,
    ip: '141.92.55.102',
    firstName: 'John',
    lastName: 'Smith',
    guid: 'id',
    city: 'Miami',
    country: 'United States',
    countryCode: 'US',
    state: 'Florida',
    stateCode: 'FL',
    total: 55,
    currency: 'USD',
    productName: 'Sneakers',
    productLink: 'https://sneakers.com/sneakers',
    productImage: 'https://sneakers.com/sneakers.jpg',
    ...overrides,
  };
}

/** A conversion-format product line. */
export function productLine(overrides: Json = {}): Json {
  return {
    name: 'T-Shirt',
    link: 'https://mystore.com/t-shirt',
    id: 123,
    image: 'https://mystore.com/images/t-shirt.png',
    price: 55,
    quantity: 2,
    ...overrides,
  };
}

/** A Stripe event around `object` (https://docs.stripe.com/api/events/object). */
export function stripeEvent(type: string, object: Json, overrides: Json = {}): Json {
  return {
    id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
    object: 'event',
    api_version: '2024-06-20',
    created: 1717236000,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    ...overrides,
  };
}

export function stripeCheckoutSession(overrides: Json = {}): Json {
  return {
    id: 'cs_test_a1b2c3',
    object: 'checkout.session',
    amount_subtotal: 2000,
    amount_total: 2000,
    created: 1717235000,
    currency: 'usd',
    customer: 'cus_123',
    customer_details: {
      address: {
        city: 'South San Francisco',
        country: 'US',
        line1: '354 Oyster Point Blvd',
        postal_code: '94080',
        state: 'CA',
      },
      email: 'jenny.rosen@example.com',
      name: 'Jenny Rosen',
      phone: null,
      tax_exempt: 'none',
    },
    customer_email: null,
    mode: 'payment',
    payment_status: 'paid',
    status: 'complete',
    ...overrides,
  };
}

export function stripePaymentIntent(overrides: Json = {}): Json {
  return {
    id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
    object: 'payment_intent',
    amount: 2000,
    amount_received: 2000,
    currency: 'usd',
    receipt_email: 'buyer@example.com',
    status: 'succeeded',
    created: 1717235000,
    ...overrides,
  };
}

/** Kajabi's `{id, event, payload}`; payload is an array of one or more objects, or an object. */
export function kajabiEvent(payload: unknown, overrides: Json = {}): Json {
  return { id: 'hash_id', event: 'purchase', payload, ...overrides };
}

export function shopifyOrder(overrides: Json = {}): Json {
  return {
    id: 450789469,
    email: 'bob.norman@mail.example.com',
    contact_email: 'bob.norman@mail.example.com',
    created_at: '2024-05-31T20:15:00-04:00',
    currency: 'USD',
    total_price: '598.94',
    subtotal_price: '597.00',
    total_tax: '11.94',
    financial_status: 'paid',
    name: '#1001',
    browser_ip: '203.0.113.7',
    customer: { id: 207119551, email: 'bob.norman@mail.example.com', first_name: 'Bob', last_name: 'Norman' },
    billing_address: {
      first_name: 'Bob',
      last_name: 'Norman',
      city: 'Drayton Valley',
      province: 'Alberta',
      province_code: 'AB',
      country: 'Canada',
      country_code: 'CA',
    },
    line_items: [
      {
        id: 466157049,
        title: 'IPod Nano - 8gb',
        name: 'IPod Nano - 8gb - green',
        price: '199.00',
        quantity: 1,
        sku: 'IPOD2008GREEN',
        product_id: 632910392,
      },
      {
        id: 518995019,
        title: 'IPod Nano - 8gb',
        name: 'IPod Nano - 8gb - red',
        price: '199.00',
        quantity: 1,
        sku: 'IPOD2008RED',
        product_id: 632910392,
      },
    ],
    ...overrides,
  };
}

export function wooOrder(overrides: Json = {}): Json {
  return {
    id: 727,
    status: 'processing',
    currency: 'USD',
    date_created: '2024-05-31T16:15:00',
    date_created_gmt: '2024-05-31T20:15:00',
    total: '29.35',
    customer_ip_address: '198.51.100.23',
    billing: {
      first_name: 'John',
      last_name: 'Doe',
      city: 'San Francisco',
      state: 'CA',
      country: 'US',
      email: 'john.doe@example.com',
    },
    shipping: { first_name: 'Jane', last_name: 'Roe', city: 'Austin', state: 'TX', country: 'US' },
    line_items: [
      {
        id: 315,
        name: 'Woo Single #1',
        product_id: 93,
        quantity: 2,
        total: '6.00',
        price: 3,
        image: { id: '94', src: 'https://example.com/single-1.jpg' },
      },
    ],
    ...overrides,
  };
}

/** Mailchimp's form-encoded subscribe webhook, flat bracket keys as a non-nesting parser leaves them. */
export function mailchimpSubscribe(overrides: Json = {}): Json {
  return {
    type: 'subscribe',
    fired_at: '2024-05-31 20:15:00',
    'data[id]': '8a25ff1d98',
    'data[list_id]': 'a6b5da1054',
    'data[email]': 'api@mailchimp.com',
    'data[email_type]': 'html',
    'data[merges][EMAIL]': 'api@mailchimp.com',
    'data[merges][FNAME]': 'Mailchimp',
    'data[merges][LNAME]': 'API',
    'data[ip_opt]': '10.20.10.30',
    ...overrides,
  };
}

/** A Typeform `form_response` webhook with one answer per entry. */
export function typeformResponse(answers: unknown[], hidden: Json = {}): Json {
  return {
    event_id: '01HZ3B5W6QK8V2X9YJ4T7N1M0P',
    event_type: 'form_response',
    form_response: {
      form_id: 'lT4Z3j',
      submitted_at: '2024-05-31T20:15:00Z',
      hidden,
      definition: { id: 'lT4Z3j', title: 'Signup', fields: [] },
      answers,
    },
  };
}
