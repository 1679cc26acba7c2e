// Order total and currency: number formats, symbols, minor units (cents, Stripe) and what is not a total.
import { describe, expect, test } from 'vitest';
import { parseAmount, parseDecimal } from '../../server/normalize/parse-money.ts';
import {
  kajabiEvent,
  normalize,
  shopifyOrder,
  stripeCheckoutSession,
  stripeEvent,
  stripePaymentIntent,
  wooOrder,
} from './payload-builders.ts';

describe('normalize reads the order total and currency', () => {
  test.each([
    ['a number', { total: 1299 }, 1299, undefined],
    ['"1,299.00"', { total: '1,299.00' }, 1299, undefined],
    ['"1.299,00"', { total: '1.299,00' }, 1299, undefined],
    ['"$1,299.00" for a US buyer', { total: '$1,299.00', country: 'US', city: 'Miami' }, 1299, 'USD'],
    ['"€12"', { total: '€12' }, 12, 'EUR'],
    ['"12,50 €"', { total: '12,50 €' }, 12.5, 'EUR'],
    ['"12.50 USD"', { total: '12.50 USD' }, 12.5, 'USD'],
    ['"usd 12.50"', { total: 'usd 12.50' }, 12.5, 'USD'],
    ['"CA$ 20"', { total: 'CA$ 20' }, 20, 'CAD'],
    ['"1\'299.50" (Swiss grouping)', { total: "1'299.50" }, 1299.5, undefined],
    ['total_price', { total_price: '10.00' }, 10, undefined],
    ['order_total', { order_total: 10 }, 10, undefined],
    ['grand_total', { grand_total: 10 }, 10, undefined],
    ['amount', { amount: 10 }, 10, undefined],
    ['price', { price: '10' }, 10, undefined],
    ['amount_in_cents', { amount_in_cents: 1000 }, 10, undefined],
    ['total_cents', { total_cents: 1050 }, 10.5, undefined],
    ['priceInCents', { priceInCents: 999 }, 9.99, undefined],
  ])('normalize reads a total given as %s', (_, fields, total, currency) => {
    const { conversion } = normalize({ email: 'a@x.com', ...fields });
    expect(conversion.total).toBe(total);
    expect(conversion.currency).toBe(currency);
  });

  test.each([
    ['currency', { currency: 'eur' }, 'EUR'],
    ['currency_code', { currency_code: 'gbp' }, 'GBP'],
    ['presentment_currency', { presentment_currency: 'CAD' }, 'CAD'],
    ['currencyCode', { currencyCode: ' jpy ' }, 'JPY'],
  ])('normalize reads the currency from %s', (_, fields, currency) => {
    expect(normalize({ total: 5, ...fields }).conversion.currency).toBe(currency);
  });

  test.each([
    ['a bare $ without a US buyer', { total: '$5' }],
    ['an invalid code', { total: 5, currency: 'ABC' }],
    ['a yen sign (JPY or CNY)', { total: '¥500' }],
    ['a made-up word', { total: 5, currency: 'dollars' }],
  ])('normalize leaves the currency unknown for %s', (_, payload) => {
    expect(normalize(payload).conversion.currency).toBeUndefined();
  });

  test.each([
    ['shipping, tax and discount totals', { shipping_total: 10, total_tax: 2, discount_total: 5, total: 30 }, 30],
    ['a line item price', { line_items: [{ name: 'A', price: 99 }], total: 120 }, 120],
    ['Calendly-style counters', { invitees_counter: { total: 1, limit: 1 } }, undefined],
    ['a quiz score', { calculated: { score: 9 }, total_items: 3 }, undefined],
    ['a negative amount', { total: -5 }, undefined],
    ['free text', { total: 'free' }, undefined],
  ])('normalize does not mistake %s for the total', (_, payload, total) => {
    expect(normalize(payload).conversion.total).toBe(total);
  });

  test.each([
    [
      'checkout session amount_total in cents',
      stripeEvent('checkout.session.completed', stripeCheckoutSession({ amount_total: 4999 })),
      49.99,
      'USD',
      'data.object.amount_total',
    ],
    [
      'payment intent amount in cents',
      stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 2000 })),
      20,
      'USD',
      'data.object.amount',
    ],
    [
      'a zero-decimal currency (JPY)',
      stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 500, currency: 'jpy' })),
      500,
      'JPY',
      'data.object.amount',
    ],
    [
      'a three-decimal currency (KWD)',
      stripeEvent('payment_intent.succeeded', stripePaymentIntent({ amount: 1500, currency: 'kwd' })),
      1.5,
      'KWD',
      'data.object.amount',
    ],
    ['a bare Stripe object', stripeCheckoutSession({ amount_total: 1000 }), 10, 'USD', 'amount_total'],
  ])('normalize converts Stripe %s', (_, payload, total, currency, source) => {
    const { conversion, sources } = normalize(payload);
    expect(conversion).toMatchObject({ total, currency });
    expect(sources.total).toBe(source);
  });

  test('normalize does not divide amount_total by 100 when the payload is not Stripe-shaped', () => {
    expect(normalize({ amount_total: 49.99 }).conversion.total).toBe(49.99);
  });

  test.each([
    ['Shopify', shopifyOrder(), 598.94, 'USD'],
    ['WooCommerce', wooOrder(), 29.35, 'USD'],
    ['Kajabi amount_in_cents', kajabiEvent([{ email: 'k@x.com', amount_in_cents: 9900, currency: 'USD' }]), 99, 'USD'],
  ])('normalize reads the total of a %s order', (_, payload, total, currency) => {
    expect(normalize(payload).conversion).toMatchObject({ total, currency });
  });
});

describe('parseAmount and parseDecimal', () => {
  test.each([
    ['1,299', 1299],
    ['12,5', 12.5],
    ['1.299', 1.299],
    ['1.299.000', 1299000],
    ['1,299,000.25', 1299000.25],
    ['.5', 0.5],
    ['1,2,3', undefined],
    ['1.2.3', undefined],
    ['12a', undefined],
    ['', undefined],
  ])('parseDecimal("%s") is %s', (text, expected) => {
    expect(parseDecimal(text)).toBe(expected);
  });

  test.each([
    [12, { amount: 12 }],
    [Number.POSITIVE_INFINITY, undefined],
    ['£ 3.50', { amount: 3.5, currency: 'GBP' }],
    ['R$ 10,00', { amount: 10, currency: 'BRL' }],
    ['$5', { amount: 5, currency: '$' }],
    ['12 apples', undefined],
    ['9'.repeat(100), undefined],
  ])('parseAmount(%s)', (value, expected) => {
    expect(parseAmount(value)).toEqual(expected);
  });
});

describe('normalize divides minor-unit amounts by the currency exponent', () => {
  test.each([
    ['amount_cents in USD', { amount_cents: 2900, currency: 'USD' }, 29],
    ['amount_cents in JPY (no minor unit)', { amount_cents: 4500, currency: 'JPY' }, 4500],
    ['amountInCents in KWD (three decimals)', { amountInCents: 12_345, currency: 'KWD' }, 12.345],
    ['price_in_cents', { price_in_cents: 2900, currency: 'EUR' }, 29],
    ['total_cents', { total_cents: 1050, currency: 'GBP' }, 10.5],
    ['priceCents', { priceCents: 2900, currency: 'CAD' }, 29],
    ['amount_minor', { amount_minor: 2900, currency: 'EUR' }, 29],
    ['total_minor_units', { total_minor_units: 2900, currency: 'EUR' }, 29],
    ['amount_in_paise', { amount_in_paise: 249_900, currency: 'INR' }, 2499],
    ['amount_in_pence', { amount_in_pence: 1999, currency: 'GBP' }, 19.99],
  ])('normalize reads %s', (_, fields, total) => {
    expect(normalize({ email: 'q@x.com', ...fields }).conversion.total).toBe(total);
  });

  test('normalize keeps a bare price as sent, whatever its size', () => {
    expect(normalize({ email: 'q@x.com', price: 2900, currency: 'USD' }).conversion.total).toBe(2900);
  });

  test("normalize reads an amount object's value: PayPal's purchase_units[].amount", () => {
    const { conversion, sources } = normalize({
      payer: { email_address: 'q@x.com' },
      purchase_units: [
        {
          amount: {
            value: '70.00',
            currency_code: 'EUR',
            breakdown: { item_total: { value: '60.00', currency_code: 'EUR' } },
          },
        },
      ],
    });
    expect(conversion).toMatchObject({ total: 70, currency: 'EUR' });
    expect(sources.total).toBe('purchase_units[0].amount.value');
  });
});
