// The conversion time: epoch seconds/ms, ISO and RFC 2822 text, and the receive-time fallback.
import { describe, expect, test } from 'vitest';
import { parseTime } from '../../server/normalize/parse-time.ts';
import { normalize, RECEIVED_AT, conversionFormat, stripeCheckoutSession, stripeEvent } from './payload-builders.ts';

const MAY_31 = Date.UTC(2024, 4, 31, 20, 15, 0);

describe('normalize reads when the conversion happened', () => {
  test.each([
    ['timestamp in milliseconds', { timestamp: MAY_31 }, 'timestamp'],
    ['timestamp in seconds', { timestamp: MAY_31 / 1000 }, 'timestamp'],
    ['timestamp as a numeric string', { timestamp: String(MAY_31 / 1000) }, 'timestamp'],
    ['created_at with a negative offset', { created_at: '2024-05-31T16:15:00-04:00' }, 'created_at'],
    ['created_at with a compact offset', { created_at: '2024-05-31T22:15:00+0200' }, 'created_at'],
    ['date in UTC with fractions', { date: '2024-05-31T20:15:00.000Z' }, 'date'],
    ['time without an offset (read as UTC)', { time: '2024-05-31 20:15:00' }, 'time'],
    ['occurred_at', { occurred_at: '2024-05-31T20:15:00Z' }, 'occurred_at'],
    ['an RFC 2822 date', { date: 'Fri, 31 May 2024 20:15:00 +0000' }, 'date'],
    ['a nested order date', { order: { created_at: '2024-05-31T20:15:00Z' } }, 'order.created_at'],
    ['microseconds', { timestamp: MAY_31 * 1000 }, 'timestamp'],
  ])('normalize reads %s', (_, fields, source) => {
    const { conversion, sources } = normalize({ email: 'a@x.com', ...fields });
    expect(conversion.timestamp).toBe(MAY_31);
    expect(sources.timestamp).toBe(source);
  });

  test("normalize reads Stripe's event `created` in seconds before the session's own creation time", () => {
    const { conversion, sources } = normalize(
      stripeEvent('checkout.session.completed', stripeCheckoutSession({ created: 1717000000 }), {
        created: 1717236000,
      }),
    );
    expect(conversion.timestamp).toBe(1717236000 * 1000);
    expect(sources.timestamp).toBe('created');
  });

  test("normalize prefers the event time over the customer's signup date", () => {
    const { conversion } = normalize({
      customer: { created_at: '2019-01-01T00:00:00Z' },
      created_at: '2024-05-31T20:15:00Z',
    });
    expect(conversion.timestamp).toBe(MAY_31);
  });

  test.each([
    ['before 2000', { timestamp: Date.UTC(1999, 11, 31) }],
    ['zero', { timestamp: 0 }],
    ['negative', { timestamp: -5 }],
    ['two days in the future', { timestamp: RECEIVED_AT + 2 * 86_400_000 }],
    ['not a date', { timestamp: 'yesterday' }],
    ['an impossible month', { created_at: '2024-13-01T00:00:00Z' }],
    ['a boolean', { timestamp: true }],
    ['missing', {}],
  ])('normalize falls back to the receive time when the time is %s', (_, fields) => {
    const { conversion, sources } = normalize(conversionFormat({ timestamp: undefined, ...fields }));
    expect(conversion.timestamp).toBe(RECEIVED_AT);
    expect(sources.timestamp).toBeUndefined();
  });

  test('normalize accepts a time up to a day ahead of the receive time (clock skew)', () => {
    expect(normalize({ timestamp: RECEIVED_AT + 3_600_000 }).conversion.timestamp).toBe(RECEIVED_AT + 3_600_000);
  });

  test("normalize uses the next plausible time when the conversion format's timestamp is absurd", () => {
    expect(normalize({ timestamp: 12, created_at: '2024-05-31T20:15:00Z' }).conversion.timestamp).toBe(MAY_31);
  });
});

describe('parseTime', () => {
  test.each([
    [1717186500, MAY_31],
    ['1717186500000', MAY_31],
    ['2024-05-31', Date.UTC(2024, 4, 31)],
    ['2024-05-31T20:15Z', MAY_31],
    ['2024-05-31T21:15:00+01:00', MAY_31],
    ['31/05/2024', undefined],
    [Number.NaN, undefined],
    [null, undefined],
  ])('parseTime reads %s', (value, expected) => {
    expect(parseTime(value)).toBe(expected);
  });
});

describe('normalize reads the event time in every common style', () => {
  test.each([
    ['payment_date (PayPal text)', { payment_date: '13:15:00 May 31, 2024 PDT' }],
    ['submitted_at with an offset', { submitted_at: '2024-05-31T22:15:00+02:00' }],
    ['submittedAt in ms', { submittedAt: MAY_31 }],
    ['date_created "YYYY-MM-DD HH:MM" (UTC)', { date_created: '2024-05-31 20:15' }],
    ['created as a numeric string of seconds', { created: String(MAY_31 / 1000) }],
    ['createdAt with a zone abbreviation', { createdAt: '2024-05-31 16:15:00 EDT' }],
    ['event_time RFC 2822 without a day name', { event_time: '31 May 2024 16:15:00 -0400' }],
    ['occurred_at RFC 2822 with a named zone', { occurred_at: 'Fri, 31 May 2024 13:15:00 PDT' }],
    ['fired_at "YYYY-MM-DD HH:MM:SS"', { fired_at: '2024-05-31 20:15:00' }],
    ['DateCreated US "MM/DD/YYYY HH:MM:SS"', { DateCreated: '05/31/2024 20:15:00' }],
    ['order_date US with PM', { order_date: '5/31/2024 8:15 PM' }],
    ['create_time (PayPal REST)', { create_time: '2024-05-31T20:15:00Z' }],
    ['date_paid', { date_paid: '2024-05-31T20:15:00' }],
    ['createdate (epoch ms string)', { createdate: String(MAY_31) }],
  ])('normalize reads %s', (_, fields) => {
    const { conversion, sources } = normalize({ email: 'a@x.com', ...fields });
    expect(conversion.timestamp).toBe(MAY_31);
    expect(sources.timestamp).toBe(Object.keys(fields)[0]);
  });
});

describe('parseTime reads more styles', () => {
  test.each([
    ['05/31/2024 20:15:00', MAY_31],
    ['5/31/2024 8:15 PM', MAY_31],
    ['12/31/2023 12:00 AM', Date.UTC(2023, 11, 31)],
    ['2024/05/31 20:15', MAY_31],
    ['2024-05-31 16:15 EDT', MAY_31],
    ['Fri, 31 May 2024 20:15:00 GMT', MAY_31],
    ['31 May 2024 22:15 +0200', MAY_31],
    ['2024-05-31T20:15:00z', MAY_31],
    // Day first, impossible dates and unknown zones are not guessed.
    ['31/05/2024 20:15', undefined],
    ['2024-02-30', undefined],
    ['2024-06-31T00:00:00Z', undefined],
    ['13:00 PM 5/31/2024', undefined],
    ['2024-05-31 20:15:00 XYZ', undefined],
    ['5/31/2024 13:15 PM', undefined],
  ])('parseTime reads %s', (value, expected) => {
    expect(parseTime(value)).toBe(expected);
  });
});

describe('parseTime reads dates as spreadsheets write them', () => {
  const MARCH_5 = Date.UTC(2024, 2, 5);
  const MARCH_5_1410 = Date.UTC(2024, 2, 5, 14, 10);
  test.each([
    ['March 5, 2024', MARCH_5],
    ['Tue. March 5, 2024', MARCH_5],
    // No zone: UTC, as every zone-less time here.
    ['5 Mar 2024 14:10', MARCH_5_1410],
    ['5. März 2024', undefined],
    ['5. Mar 2024', MARCH_5],
    // Dotted dates are day first (the European convention), never month first.
    ['05.03.2024', MARCH_5],
    ['5.3.2024', MARCH_5],
    ['05.03.2024 14:10', MARCH_5_1410],
    ['05.03.2024, 14:10:00', MARCH_5_1410],
    ['05.03.2024 14:10 +0100', Date.UTC(2024, 2, 5, 13, 10)],
    ['25.12.2023', Date.UTC(2023, 11, 25)],
    ['12.25.2023', undefined],
    ['31.04.2024', undefined],
    ['05.03.2024 25:00', undefined],
    ['05.03.24', undefined],
  ])('parseTime reads %s', (text, expected) => {
    expect(parseTime(text)).toBe(expected);
  });

  test.each([
    ['Date', 'March 5, 2024', 'Date'],
    ['Created at', '05.03.2024 14:10', '["Created at"]'],
    ['Order date', '5 Mar 2024 14:10', '["Order date"]'],
  ])('normalize dates a row by its %s column written %s', (column, cell, source) => {
    const { conversion, sources } = normalize({ Name: 'Ann Lee', [column]: cell });
    expect(new Date(conversion.timestamp).toISOString().slice(0, 10)).toBe('2024-03-05');
    expect(sources.timestamp).toBe(source);
  });
});
