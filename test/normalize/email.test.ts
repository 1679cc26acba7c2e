// Choosing the converting person's email among every address in a payload.
import { describe, expect, test } from 'vitest';
import { extractEmails } from '../../server/normalize/extract-emails.ts';
import { kajabiEvent, mailchimpSubscribe, normalize, conversionFormat, typeformResponse } from './payload-builders.ts';

describe("normalize chooses the converting person's email", () => {
  test.each([
    [
      "the conversion format's top-level email beats a nested customer email",
      { email: 'top@x.com', customer: { email: 'nested@x.com' } },
      'top@x.com',
      'email',
    ],
    [
      'the customer beats the merchant',
      { merchant: { email: 'shop@store.com' }, customer: { email: 'buyer@x.com' } },
      'buyer@x.com',
      'customer.email',
    ],
    [
      'the buyer beats the seller in camelCase keys',
      { sellerEmail: 'seller@x.com', buyerEmail: 'buyer@x.com' },
      'buyer@x.com',
      'buyerEmail',
    ],
    [
      'billing beats store in compound lower-case keys',
      { storeemail: 'store@x.com', billingemail: 'bill@x.com' },
      'bill@x.com',
      'billingemail',
    ],
    [
      'the subscriber beats reply_to and from',
      { from: 'News <news@brand.com>', reply_to: 'help@brand.com', subscriber: { email: 's@x.com' } },
      's@x.com',
      'subscriber.email',
    ],
    [
      'the invitee beats the host',
      { host: { email: 'host@x.com' }, invitee: { email: 'guest@x.com' } },
      'guest@x.com',
      'invitee.email',
    ],
    [
      'the member beats the affiliate and the referrer',
      { affiliate_email: 'aff@x.com', referrer: { email: 'ref@x.com' }, member: { email: 'm@x.com' } },
      'm@x.com',
      'member.email',
    ],
    [
      'the payer beats the payee',
      { payee: { email: 'payee@x.com' }, payer: { email: 'payer@x.com' } },
      'payer@x.com',
      'payer.email',
    ],
    [
      'the lead beats the owner and the organizer',
      { owner: { email: 'o@x.com' }, organizer_email: 'org@x.com', lead: { email: 'l@x.com' } },
      'l@x.com',
      'lead.email',
    ],
    [
      'a personal address beats a no-reply one at the top level',
      { email: 'no-reply@shop.com', contact: { email: 'c@x.com' } },
      'c@x.com',
      'contact.email',
    ],
    [
      'a personal address beats a shared inbox',
      { a: { email: 'support@x.com' }, b: { email: 'kim@x.com' } },
      'kim@x.com',
      'b.email',
    ],
    [
      'an email field beats an email mentioned in a note',
      { note: 'ask admin@x.com', user: { email_address: 'u@x.com' } },
      'u@x.com',
      'user.email_address',
    ],
    [
      'an attendee beats the company and the admin',
      { company: { email: 'co@x.com' }, admin_email: 'adm@x.com', attendee: { email: 'att@x.com' } },
      'att@x.com',
      'attendee.email',
    ],
  ])('normalize picks the right email when %s', (_, payload, email, source) => {
    const { conversion, sources } = normalize(payload);
    expect(conversion.email).toBe(email);
    expect(sources.email).toBe(source);
  });

  test.each([
    ['nested objects', { a: { b: { c: { contact: 'deep@x.com' } } } }, 'deep@x.com', 'a.b.c.contact'],
    ['arrays', { people: [{ name: 'x' }, { mail: 'arr@x.com' }] }, 'arr@x.com', 'people[1].mail'],
    [
      'a JSON string field',
      { fields: { json: JSON.stringify({ customer: { email: 'json@x.com' } }) } },
      'json@x.com',
      'fields.json>customer.email',
    ],
    [
      'JSON in a string in a JSON string',
      { outer: JSON.stringify({ inner: JSON.stringify({ email: 'twice@x.com' }) }) },
      'twice@x.com',
      'outer>inner>email',
    ],
    ['a JSON array string', { rows: JSON.stringify([{ email: 'row@x.com' }]) }, 'row@x.com', 'rows>[0].email'],
    ['flat bracket keys', { 'data[merges][EMAIL]': 'flat@x.com' }, 'flat@x.com', 'data.merges.EMAIL'],
    ['a display-name value', { to: 'John <John@X.com>' }, 'john@x.com', 'to'],
    ['a mailto value', { contact: 'mailto:Mail@X.com' }, 'mail@x.com', 'contact'],
    ['a sentence', { message: 'please write to me at sam@x.com.' }, 'sam@x.com', 'message'],
    [
      'a label/value form row',
      { fields: [{ label: 'Your e-mail', value: 'row@x.com' }] },
      'row@x.com',
      'fields[0].value',
    ],
    ['Zapier flat keys', { 'Customer Email': 'zap@x.com' }, 'zap@x.com', '["Customer Email"]'],
    ['Zapier double-underscore keys', { customer__email: 'zap@x.com' }, 'zap@x.com', 'customer__email'],
    ['a root array', [{ email: 'first@x.com' }], 'first@x.com', '[0].email'],
  ])('normalize finds an email inside %s', (_, payload, email, source) => {
    const { conversion, sources } = normalize(payload);
    expect(conversion.email).toBe(email);
    expect(sources.email).toBe(source);
  });

  test.each([
    ['surrounding spaces and capitals', '  Test@Gmail.COM  ', 'test@gmail.com'],
    ['a plus tag', 'a.b+tag@sub.example.co.uk', 'a.b+tag@sub.example.co.uk'],
  ])('normalize trims and lower-cases an email with %s', (_, email, expected) => {
    expect(normalize(conversionFormat({ email })).conversion.email).toBe(expected);
  });

  test.each([
    ['a space after the at sign', 'john@ x.com'],
    ['no domain dot', 'john@localhost'],
    ['a double dot', 'john..smith@x.com'],
    ['a numeric top-level domain', 'john@x.123'],
    ['an image file name', 'logo@2x.png'],
    ['a trailing @', 'john@'],
    ['a 300-character local part', `${'a'.repeat(300)}@x.com`],
    ['an empty string', ''],
  ])('normalize rejects an email with %s', (_, email) => {
    expect(normalize({ email }).conversion.email).toBeUndefined();
  });

  test('normalize reads the Mailchimp form email from flat bracket keys', () => {
    const { conversion, sources } = normalize(mailchimpSubscribe());
    expect(conversion.email).toBe('api@mailchimp.com');
    expect(sources.email).toBe('data.email');
  });

  test('normalize reads the Kajabi email from payload[0]', () => {
    const { sources } = normalize(kajabiEvent([{ email: 'k@x.com', site: { owner_email: 'owner@x.com' } }]));
    expect(sources.email).toBe('payload[0].email');
  });

  test.each([
    [
      'a Typeform email answer',
      typeformResponse([{ type: 'email', email: 'answer@x.com', field: { id: 'a', type: 'email', ref: 'e' } }]),
      'answer@x.com',
    ],
    ['a Typeform hidden field', typeformResponse([], { email: 'hidden@x.com' }), 'hidden@x.com'],
  ])('normalize reads %s', (_, payload, email) => {
    expect(normalize(payload).conversion.email).toBe(email);
  });
});

describe('extractEmails', () => {
  test.each([
    ['two addresses in a list', 'a@x.com, b@y.org', ['a@x.com', 'b@y.org']],
    ['a query string', 'https://x.com/u?email=q@x.com&x=1', ['q@x.com']],
    ['quotes around the address', `"'quoted@x.com'"`, ['quoted@x.com']],
    ['no address', 'no at sign here', []],
    ['only at signs', '@@@@', []],
  ])('extractEmails reads %s', (_, text, expected) => {
    expect(extractEmails(text)).toEqual(expected);
  });
});
