// Whole payloads in the public shapes of Stripe, Shopify, WooCommerce, Mailchimp, Typeform, Calendly, Kajabi, Zapier.
import { describe, expect, test } from 'vitest';
import type { NormalizedConversion } from '../../server/normalize/types.ts';
import { fakeGeo, loadFixture, normalize } from './payload-builders.ts';

// Fixtures follow the public payload shapes each sender documents (values made up).
const SENDERS: [string, Partial<NormalizedConversion>, Record<string, string>][] = [
  [
    'stripe-checkout-session-completed.json',
    {
      email: 'jenny.rosen@example.com',
      firstName: 'Jenny',
      lastName: 'Rosen',
      city: 'Miami',
      stateCode: 'FL',
      countryCode: 'US',
      total: 49,
      currency: 'USD',
      event: 'checkout.session.completed',
      eventId: 'evt_1PqR2sLkdIwHu7ixT8eZq9aB',
      timestamp: 1717236000000,
      orderStatus: 'paid',
    },
    { email: 'data.object.customer_details.email', total: 'data.object.amount_total' },
  ],
  [
    'stripe-payment-intent-succeeded.json',
    {
      email: 'marie.dupont@example.fr',
      firstName: 'Marie',
      lastName: 'Dupont',
      city: 'Lyon',
      countryCode: 'FR',
      total: 1299,
      currency: 'EUR',
      orderStatus: 'succeeded',
    },
    { email: 'data.object.receipt_email' },
  ],
  [
    'stripe-invoice-paid.json',
    {
      email: 'sam.lee@example.com',
      firstName: 'Sam',
      lastName: 'Lee',
      city: 'Austin',
      state: 'Texas',
      total: 19.99,
      currency: 'USD',
      moreProducts: 0,
      orderStatus: 'paid',
    },
    { firstName: 'data.object.customer_name', products: 'data.object.lines.data' },
  ],
  [
    'shopify-order-create.json',
    {
      email: 'jon@example.com',
      firstName: 'John',
      lastName: 'Smith',
      city: 'Shippington',
      state: 'Kentucky',
      countryCode: 'US',
      total: 408,
      currency: 'USD',
      productName: 'IPod Nano - 8GB',
      moreProducts: 2,
      ip: '203.0.113.7',
      timestamp: Date.UTC(2024, 5, 1, 0, 15),
      orderStatus: 'paid',
    },
    {
      email: 'email',
      firstName: 'customer.first_name',
      city: 'billing_address.city',
      productName: 'line_items[0].name',
    },
  ],
  [
    'woocommerce-order-created.json',
    {
      email: 'jose.garcia@example.es',
      firstName: 'José',
      lastName: 'García',
      city: 'Madrid',
      country: 'Spain',
      countryCode: 'ES',
      total: 29.35,
      currency: 'EUR',
      productName: 'Ship Your Idea – Color: Black, Size: M Test',
      moreProducts: 1,
      timestamp: Date.UTC(2024, 4, 31, 20, 15),
      orderStatus: 'processing',
    },
    { email: 'billing.email', timestamp: 'date_created_gmt', productImage: 'line_items[1].image' },
  ],
  [
    'mailchimp-subscribe.form.json',
    {
      email: 'api.user@example.org',
      firstName: 'Mailchimp',
      lastName: 'Api',
      ip: '10.20.10.30',
      event: 'subscribe',
      timestamp: Date.UTC(2024, 4, 31, 20, 15),
    },
    { email: 'data.email', firstName: 'data.merges.FNAME', ip: 'data.ip_opt', timestamp: 'fired_at' },
  ],
  [
    'typeform-form-response.json',
    {
      email: 'laura@example.com',
      firstName: 'Laura',
      city: 'Lisbon',
      event: 'form_response',
      eventId: '01HZ3B5W6QK8V2X9YJ4T7N1M0P',
    },
    {
      email: 'form_response.answers[1].email',
      firstName: 'form_response.answers[0].text',
      timestamp: 'form_response.submitted_at',
    },
  ],
  [
    'calendly-invitee-created.json',
    {
      email: 'test@example.com',
      firstName: 'John',
      lastName: 'Doe',
      event: 'invitee.created',
      timestamp: Date.UTC(2024, 4, 31, 20, 15),
    },
    { email: 'payload.email', firstName: 'payload.name' },
  ],
  [
    'kajabi-purchase.json',
    {
      email: 'priya.patel@example.com',
      firstName: 'Priya',
      lastName: 'Patel',
      total: 99,
      currency: 'USD',
      productName: 'Photography Masterclass',
      event: 'purchase',
      eventId: 'kajabi:purchase:dGVzdC1wdXJjaGFzZS0x',
    },
    { email: 'payload[0].email', total: 'payload[0].amount_in_cents', productName: 'payload[0].offer.title' },
  ],
  [
    'kajabi-form-submission.json',
    {
      email: 'lee.wong@example.com',
      firstName: 'Lee',
      lastName: 'Wong',
      event: 'form_submission',
      eventId: 'kajabi:form_submission:55012',
    },
    { email: 'payload.member.email' },
  ],
  [
    'zapier-flat.json',
    {
      email: 'carla.rossi@example.it',
      firstName: 'Carla',
      lastName: 'Rossi',
      city: 'Roma',
      country: 'Italy',
      countryCode: 'IT',
      total: 49.9,
      currency: 'EUR',
      productName: 'Yoga Mat',
      ip: '203.0.113.99',
    },
    { email: '["Email Address"]', total: '["Order Total"]', ip: 'customer__ip' },
  ],
  [
    'builder-order-created.json',
    {
      email: 'oliver@example.co.uk',
      firstName: 'Oliver',
      lastName: 'Twist',
      city: 'London',
      countryCode: 'GB',
      total: 85,
      currency: 'GBP',
      productName: 'Lamp',
      productLink: 'https://shop.example/lamp',
      moreProducts: 1,
      event: 'order_created',
      orderStatus: 'paid',
    },
    { email: 'data.order.customer.email', productName: 'data.order.items[1].title' },
  ],
  [
    'builder-form-submitted.json',
    {
      email: 'zoe@example.ie',
      firstName: 'Zoë',
      lastName: "O'Brien",
      country: 'Ireland',
      countryCode: 'IE',
      event: 'form_submitted',
      timestamp: 1717186500000,
    },
    { email: 'data.submission.fields[1].value', firstName: 'data.submission.fields[0].value' },
  ],
  [
    'store-order-pending.json',
    {
      email: 'ivan.petrov@example.bg',
      firstName: 'Ivan',
      city: 'Sofia',
      countryCode: 'BG',
      total: 1299,
      currency: 'BGN',
      productName: 'Laptop',
      orderStatus: 'pending',
      notShownReason: 'order status is "pending"',
    },
    { notShownReason: 'order_status' },
  ],
];

describe("normalize reads real senders' payload shapes", () => {
  test.each(SENDERS)('normalize reads the %s fixture', (fixture, expected, expectedSources) => {
    const { conversion, sources } = normalize(loadFixture(fixture), fakeGeo(undefined));
    expect(conversion).toMatchObject(expected);
    expect(sources).toMatchObject(expectedSources);
  });

  test.each(SENDERS.map(([fixture]) => fixture))('normalize gives JSON-safe output for the %s fixture', (fixture) => {
    const { conversion, sources } = normalize(loadFixture(fixture));
    expect(JSON.parse(JSON.stringify({ conversion, sources }))).toEqual({ conversion, sources });
  });

  test('normalize never shows the host, guests or owners of the fixture senders', () => {
    const emails = SENDERS.map(([fixture]) => normalize(loadFixture(fixture)).conversion.email);
    for (const email of emails) expect(email).not.toMatch(/^(?:host|guest|owner|support|noreply|admin)/);
  });
});
