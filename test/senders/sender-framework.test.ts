// The profile framework's own rules, which every profile relies on: whole names typed into a
// first-name box are split, statuses compare in one case, relays yield to the sender they relay,
// and a sender without an event time keeps the receipt time.
import { describe, expect, test } from 'vitest';
import { normalizePayload } from '../../server/normalize/normalize-payload.ts';
import { createSenderIndex } from '../../server/senders/sender-index.ts';
import type { SenderProfile } from '../../server/senders/sender-profile.ts';
import { readingOf } from '../../server/senders/sender-reading.ts';

const RECEIVED_AT = Date.UTC(2026, 10, 20, 9, 0, 0);

describe('reading builder', () => {
  test('a whole name in the first-name field, with no last name anywhere, is split', () => {
    const reading = readingOf({ billing: { first_name: 'Jane Doe', last_name: '' } })
      .firstName('billing.first_name')
      .lastName('billing.last_name')
      .done();
    expect(reading.fields).toMatchObject({ firstName: 'Jane', lastName: 'Doe' });
    expect(reading.sources.lastName).toBe('billing.first_name');
  });

  test('a double first name beside its own last name stays whole', () => {
    const reading = readingOf({ first: 'Mary Ann', last: 'Smith' }).firstName('first').lastName('last').done();
    expect(reading.fields).toMatchObject({ firstName: 'Mary Ann', lastName: 'Smith' });
  });

  test('a first-name field that repeats the last name loses the copy', () => {
    const reading = readingOf({ first: 'Jane Doe', last: 'Doe' }).firstName('first').lastName('last').done();
    expect(reading.fields).toMatchObject({ firstName: 'Jane', lastName: 'Doe' });
  });

  test.each([
    ['PAID', 'paid'],
    ['Awaiting Fulfillment', 'awaiting fulfillment'],
    ['refunded', 'refunded'],
  ])('order status %s is kept as %s', (sent, kept) => {
    expect(readingOf({ status: sent }).text('orderStatus', 'status').done().fields.orderStatus).toBe(kept);
  });
});

const profile = (id: string, keys: Partial<SenderProfile>): SenderProfile => ({
  id,
  name: id,
  docs: `https://example.com/${id}`,
  matches: () => true,
  read: ({ body }) => readingOf(body).done(),
  ...keys,
});

describe('recognition', () => {
  const shop = profile('shop', { bodyKeys: ['order_id'] });
  const relay = profile('relay', { userAgents: ['relaytool'], relay: true });
  const agentSender = profile('mailer', { userAgents: ['mailer'] });
  const index = createSenderIndex([shop, relay, agentSender]);

  test("a relay's User-Agent yields to the sender whose body it forwards", () => {
    const found = index.recognize({ headers: { 'user-agent': 'RelayTool/2.0' }, body: { order_id: 7 } });
    expect(found?.id).toBe('shop');
  });

  test('a relay is still named when nothing else recognises the body', () => {
    const found = index.recognize({ headers: { 'user-agent': 'RelayTool/2.0' }, body: { Email: 'a@b.co' } });
    expect(found?.id).toBe('relay');
  });

  test("a sender's own User-Agent is stronger evidence than a body key", () => {
    const found = index.recognize({ headers: { 'user-agent': 'Mailer (hooks)' }, body: { order_id: 7 } });
    expect(found?.id).toBe('mailer');
  });
});

describe('a sender that sends no event time', () => {
  const form = profile('form', { bodyKeys: ['your-email'], read: ({ body }) => readingOf(body).noTime().done() });
  const senders = createSenderIndex([form]);
  const body = { 'your-email': 'ana.lima@example.com', date: '2026-11-03 10:00' };

  test('keeps the receipt time, not a date the visitor typed', () => {
    const { conversion } = normalizePayload(body, { receivedAt: RECEIVED_AT, lookupIp: () => undefined, senders });
    expect(conversion.timestamp).toBe(RECEIVED_AT);
  });

  test('while detection alone would take that date', () => {
    const { conversion } = normalizePayload(body, { receivedAt: RECEIVED_AT, lookupIp: () => undefined });
    expect(conversion.timestamp).toBe(Date.UTC(2026, 10, 3, 10, 0, 0));
  });
});

describe("the person's own choice to stay anonymous", () => {
  const donation = profile('donations', {
    bodyKeys: ['donation_id'],
    read: ({ body }) => readingOf(body).firstName('donor.first_name').lastName('donor.last_name').done(),
  });
  const senders = createSenderIndex([donation]);
  const body = {
    donation_id: 'd_1',
    anonymous_donation: true,
    donor: { first_name: 'Lena', last_name: 'Vogel', email: 'lena.vogel@example.de' },
  };

  test('wins over a profile that reads the name', () => {
    const { conversion } = normalizePayload(body, { receivedAt: RECEIVED_AT, lookupIp: () => undefined, senders });
    expect(conversion.firstName).toBeUndefined();
    expect(conversion.lastName).toBeUndefined();
    expect(conversion.email).toBe('lena.vogel@example.de');
  });

  test("wins over the owner's field map", () => {
    const { conversion } = normalizePayload(body, {
      receivedAt: RECEIVED_AT,
      lookupIp: () => undefined,
      fieldMap: { firstName: 'donor.first_name' },
    });
    expect(conversion.firstName).toBeUndefined();
  });

  test('while the same body without the choice keeps the name', () => {
    const named = { ...body, anonymous_donation: false };
    const { conversion } = normalizePayload(named, { receivedAt: RECEIVED_AT, lookupIp: () => undefined, senders });
    expect(conversion).toMatchObject({ firstName: 'Lena', lastName: 'Vogel' });
  });
});
