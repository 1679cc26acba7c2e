// Shapes of senders without a profile that detection alone must read: wrapped events, JSON:API
// resources, display twins of minor-unit amounts, payer names in `from_name`, named-month dates.
import { describe, expect, test } from 'vitest';
import { parseTime } from '../../server/normalize/parse-time.ts';
import { normalize, RECEIVED_AT } from './payload-builders.ts';

const EMAIL = 'customer-7781@example.com';

describe('normalize reads dates written with the month named', () => {
  test.each([
    ['Jul 07, 2024 02:36:31 PM', Date.UTC(2024, 6, 7, 14, 36, 31)],
    ['May 31, 2024 20:15:00', Date.UTC(2024, 4, 31, 20, 15)],
    ['May 31, 2024 at 8:15 pm', Date.UTC(2024, 4, 31, 20, 15)],
    ['Friday, May 31, 2024 8:15 PM', Date.UTC(2024, 4, 31, 20, 15)],
    ['September 3, 2024', Date.UTC(2024, 8, 3)],
    ['Sept 3, 2024 09:00 EDT', Date.UTC(2024, 8, 3, 13)],
    ['31 May 2024 20:15', Date.UTC(2024, 4, 31, 20, 15)],
    ['31st May 2024, 8:15 pm', Date.UTC(2024, 4, 31, 20, 15)],
    ['Fri May 31 2024 22:15:00 GMT+0200 (Central European Summer Time)', Date.UTC(2024, 4, 31, 20, 15)],
    ['20240531T201500Z', Date.UTC(2024, 4, 31, 20, 15)],
    ['20240531T221500+0200', Date.UTC(2024, 4, 31, 20, 15)],
  ])('parseTime reads %s', (text, expected) => {
    expect(parseTime(text)).toBe(expected);
  });

  test.each(['Maybe 31, 2024', 'May 32, 2024', 'Feb 30, 2024', 'May 31, 2024 13:00 PM', '31 Mayday 2024'])(
    'parseTime refuses %s',
    (text) => {
      expect(parseTime(text)).toBeUndefined();
    },
  );
});

describe('normalize finds the event time, not another record’s', () => {
  test('the times of JSON:API related records (`included`) are not the event time', () => {
    const { conversion, sources } = normalize({
      data: { type: 'member', attributes: { email: EMAIL, last_charge_date: '2024-05-31T20:15:00.000+00:00' } },
      included: [{ type: 'user', attributes: { created_at: '2019-02-03T08:00:00.000+00:00' } }],
    });
    expect(conversion.timestamp).toBe(Date.UTC(2024, 4, 31, 20, 15));
    expect(sources.timestamp).toBe('data.attributes.last_charge_date');
  });

  test('the subject’s own creation time counts even when its wrapper is named like another record', () => {
    const { conversion, sources } = normalize({
      member: { current: { email: EMAIL, name: 'Léa Müller', created_at: '2024-05-31T20:15:00.000Z' }, previous: {} },
    });
    expect(conversion.timestamp).toBe(Date.UTC(2024, 4, 31, 20, 15));
    expect(sources.timestamp).toBe('member.current.created_at');
  });

  test('a customer’s signup time inside an order is still not the order’s time', () => {
    const { conversion } = normalize({ order: { email: EMAIL, customer: { created_at: '2019-01-01T00:00:00Z' } } });
    expect(conversion.timestamp).toBe(RECEIVED_AT);
  });

  test("`event_ts` in milliseconds is the event's time; an appointment's `start_time` is not", () => {
    const eventTs = Date.UTC(2024, 4, 31, 20, 15, 14, 387);
    const { conversion } = normalize({
      event: 'webinar.registration_created',
      event_ts: eventTs,
      payload: { object: { start_time: '2024-05-20T19:00:00Z', registrant: { email: EMAIL } } },
    });
    expect(conversion.timestamp).toBe(eventTs);
  });

  test('a time named after the sale (`support_created_on`, `donation_date`) is read', () => {
    expect(
      normalize({ response: { supporter_email: EMAIL, support_created_on: '2024-05-31 20:15:00' } }).conversion
        .timestamp,
    ).toBe(Date.UTC(2024, 4, 31, 20, 15));
    expect(normalize([{ donor: { email: EMAIL }, donation_date: '2024-05-31T20:15:00Z' }]).conversion.timestamp).toBe(
      Date.UTC(2024, 4, 31, 20, 15),
    );
  });
});

describe('normalize reads minor units only where the payload says so', () => {
  test('a whole number beside its display text in major units is in minor units', () => {
    const { conversion } = normalize({ email: EMAIL, total: 999, total_formatted: '$9.99', currency: 'USD' });
    expect(conversion.total).toBe(9.99);
  });

  test('a display text that repeats the number leaves it in major units', () => {
    const { conversion } = normalize({ email: EMAIL, total: 119, totalDisplay: '119,00 €', currency: 'EUR' });
    expect(conversion.total).toBe(119);
  });

  test('a currency without minor units is never divided', () => {
    const { conversion } = normalize({ email: EMAIL, total: 999, total_formatted: '¥999', currency: 'JPY' });
    expect(conversion.total).toBe(999);
  });

  test('{value, currency} amounts with whole numbers are major units (Fourthwall sends `value: 65` for $65)', () => {
    const { conversion } = normalize({
      data: {
        email: EMAIL,
        amounts: { shipping: { value: 7, currency: 'USD' }, total: { value: 65, currency: 'USD' } },
      },
    });
    expect(conversion.total).toBe(65);
    expect(conversion.currency).toBe('USD');
  });
});

describe('normalize finds the payer’s name in donation and checkout shapes', () => {
  test('`from_name` without a from-address is the payer’s name', () => {
    const { conversion } = normalize({
      data: JSON.stringify({ from_name: 'Zoë Lindqvist', email: EMAIL, amount: '5.00' }),
    });
    expect([conversion.firstName, conversion.lastName, conversion.nameDerived]).toEqual(['Zoë', 'Lindqvist', false]);
  });

  test('`from_name` beside a from-address is a mail sender’s, never the buyer’s', () => {
    const { conversion } = normalize({ from_name: 'Acme Store', from_email: 'orders@acme.example', to: EMAIL });
    expect(conversion.firstName).toBeUndefined();
  });

  test('`first` and `last` alone name the person in a customer record', () => {
    const { conversion } = normalize({ customer: { first: 'Jürgen', last: 'Weiß', email: EMAIL } });
    expect([conversion.firstName, conversion.lastName]).toEqual(['Jürgen', 'Weiß']);
  });

  test('`first` and `last` elsewhere (a page cursor) are no name', () => {
    const { conversion } = normalize({ email: EMAIL, pagination: { first: 'Alpha', last: 'Omega' } });
    expect(conversion.firstName).toBeUndefined();
  });

  test('a bare `name` beside the chosen email in a metadata bag is the person’s', () => {
    const { conversion } = normalize({
      event: {
        type: 'charge:confirmed',
        data: { name: 'Night Sky Print', metadata: { name: 'Bongani Dlamini', email: EMAIL } },
      },
    });
    expect([conversion.firstName, conversion.lastName]).toEqual(['Bongani', 'Dlamini']);
  });
});

describe('normalize reads wrapped events and their not-paid outcomes', () => {
  test('an event object wrapping its record gives the event name', () => {
    const { conversion, sources } = normalize({
      event: { type: 'charge:confirmed', data: { metadata: { email: EMAIL } } },
    });
    expect(conversion.event).toBe('charge:confirmed');
    expect(sources.event).toBe('event.type');
    expect(conversion.notShownReason).toBeUndefined();
  });

  test.each(['charge:failed', 'order.refunded', 'BOOKING_CANCELLED', 'members:pledge:delete', 'subscription_expired'])(
    'an event named %s is recorded but not shown',
    (name) => {
      const { conversion } = normalize({ event: name, data: { email: EMAIL } });
      expect(conversion.notShownReason).toBe(`event is ${JSON.stringify(name)}`);
    },
  );

  test('a pending charge is shown: some senders call a paid charge pending until it settles', () => {
    expect(
      normalize({ event: { type: 'charge:pending', data: { email: EMAIL } } }).conversion.notShownReason,
    ).toBeUndefined();
  });

  test('a status in a `content` wrapper is the order’s', () => {
    const { conversion } = normalize({ eventName: 'order.completed', content: { email: EMAIL, status: 'Processed' } });
    expect(conversion.orderStatus).toBe('processed');
  });

  test('a declined charge status is not shown', () => {
    const { conversion } = normalize({
      data: { type: 'member', attributes: { email: EMAIL, last_charge_status: 'Declined' } },
    });
    expect(conversion.notShownReason).toBe('charge status is "declined"');
  });
});

describe('normalize reads offers and nested line details', () => {
  test('an offers list with the price and quantity in each variant; the highest unit price is shown', () => {
    const { conversion } = normalize({
      email: EMAIL,
      offers: [
        { name: 'Sticker Pack', variant: { unitPrice: { value: 4, currency: 'USD' }, quantity: 4 } },
        {
          name: 'Logo Hoodie',
          primaryImage: { url: 'https://cdn.example.com/hoodie.jpg' },
          variant: { unitPrice: { value: 42, currency: 'USD' }, quantity: 1 },
        },
      ],
    });
    expect(conversion.productName).toBe('Logo Hoodie');
    expect(conversion.productImage).toBe('https://cdn.example.com/hoodie.jpg');
    expect(conversion.products.map((line) => [line.name, line.price, line.quantity])).toEqual([
      ['Sticker Pack', 4, 4],
      ['Logo Hoodie', 42, 1],
    ]);
  });

  test('a line named by `display` with only its line total gives the unit price', () => {
    const { conversion } = normalize({
      email: EMAIL,
      items: [{ product: 'preset-pack', display: 'Preset Pack', quantity: 2, subtotal: 20 }],
    });
    expect(conversion.products).toEqual([{ name: 'Preset Pack', price: 10, quantity: 2 }]);
  });

  test('`state_or_province` is the state', () => {
    const { conversion } = normalize({
      email: EMAIL,
      shipping: { city: 'Preston', state_or_province: 'Lancashire', country_code: 'GB' },
    });
    expect([conversion.city, conversion.state, conversion.countryCode]).toEqual(['Preston', 'Lancashire', 'GB']);
  });
});
