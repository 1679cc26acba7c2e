// First/last names: spellings, full-name splitting, case repair, and guessing from the email.
import { describe, expect, test } from 'vitest';
import { cleanName, fixCase, nameFromEmail, splitFullName } from '../../server/normalize/person-name.ts';
import {
  kajabiEvent,
  mailchimpSubscribe,
  normalize,
  conversionFormat,
  shopifyOrder,
  stripeCheckoutSession,
  stripeEvent,
  typeformResponse,
  wooOrder,
} from './payload-builders.ts';

describe('normalize finds first and last names', () => {
  test.each([
    ['firstName/lastName', { firstName: 'Ann', lastName: 'Lee' }],
    ['first_name/last_name', { first_name: 'Ann', last_name: 'Lee' }],
    ['fname/lname', { fname: 'Ann', lname: 'Lee' }],
    ['FNAME/LNAME', { FNAME: 'Ann', LNAME: 'Lee' }],
    ['given_name/family_name', { given_name: 'Ann', family_name: 'Lee' }],
    ['givenName/surname', { givenName: 'Ann', surname: 'Lee' }],
    ['First Name/Last Name', { 'First Name': 'Ann', 'Last Name': 'Lee' }],
    ['billing_first_name/billing_last_name', { billing_first_name: 'Ann', billing_last_name: 'Lee' }],
    ['customerFirstName/customerLastName', { customerFirstName: 'Ann', customerLastName: 'Lee' }],
    ['billing.first_name', { billing: { first_name: 'Ann', last_name: 'Lee' } }],
    ['customer.first_name', { customer: { first_name: 'Ann', last_name: 'Lee' } }],
    ['name', { name: 'Ann Lee' }],
    ['full_name', { full_name: 'Ann Lee' }],
    ['customer_name', { customer_name: 'Ann Lee' }],
    ['Full Name (a form label)', { fields: [{ label: 'Full Name', value: 'Ann Lee' }] }],
    [
      'a first_name Typeform answer',
      {
        answers: [
          { type: 'text', text: 'Ann', field: { ref: 'first_name' } },
          { type: 'text', text: 'Lee', field: { ref: 'last_name' } },
        ],
      },
    ],
  ])('normalize reads names spelled %s', (_, fields) => {
    const { conversion } = normalize({ email: 'someone@x.com', ...fields });
    expect(conversion).toMatchObject({ firstName: 'Ann', lastName: 'Lee', nameDerived: false });
  });

  test.each([
    ['Smith, John', 'John', 'Smith'],
    ['John Paul Smith', 'John', 'Smith'],
    ['Madonna', 'Madonna', undefined],
    ['Dr. Jan van der Berg Jr.', 'Jan', 'van der Berg'],
    ['JOHN SMITH', 'John', 'Smith'],
    ["jean-luc o'brien", 'Jean-Luc', "O'Brien"],
    ['  José   Álvarez  ', 'José', 'Álvarez'],
    ['山田 太郎', '山田', '太郎'],
  ])('normalize splits the full name "%s"', (name, firstName, lastName) => {
    const { conversion } = normalize({ email: 'someone@x.com', name });
    expect(conversion.firstName).toBe(firstName);
    expect(conversion.lastName).toBe(lastName);
  });

  test.each([
    ['mixed-case names stay as sent', { firstName: 'McDonald', lastName: 'van der Berg' }, 'McDonald', 'van der Berg'],
    ['ALL CAPS names are re-cased', { firstName: 'ZOË', lastName: 'VAN DER BERG' }, 'Zoë', 'van der Berg'],
    ['all-lower names are re-cased', { firstName: 'zoë', lastName: 'mcdonald' }, 'Zoë', 'Mcdonald'],
    ['non-Latin names stay intact', { firstName: '山田', lastName: 'Ωμέγα' }, '山田', 'Ωμέγα'],
    ['surrounding spaces are trimmed', { firstName: '  Ann ', lastName: ' Lee  ' }, 'Ann', 'Lee'],
  ])('normalize keeps names readable when %s', (_, fields, firstName, lastName) => {
    expect(normalize(conversionFormat(fields)).conversion).toMatchObject({ firstName, lastName });
  });

  test('normalize caps a name at 64 characters', () => {
    expect(normalize(conversionFormat({ firstName: 'A'.repeat(100).toLowerCase() })).conversion.firstName).toHaveLength(
      64,
    );
  });

  test.each([
    ['an order number', { name: '#1001' }],
    ['a handle with digits', { first_name: 'jsmith99' }],
    ['a URL', { name: 'https://x.com' }],
    ['an email', { name: 'a@b.co' }],
    ['a placeholder', { first_name: 'null' }],
    ['a username', { username: 'ann' }],
    ['a product name', { product_name: 'Ann Lee' }],
    ['a company name', { company_name: 'Ann Lee' }],
  ])('normalize does not take %s as a name', (_, fields) => {
    const { conversion } = normalize({ email: 'info@x.com', ...fields });
    expect(conversion.firstName).toBeUndefined();
  });

  test.each([
    [
      "the email's record over the shipping record",
      { billing: { email: 'b@x.com', first_name: 'Bill' }, shipping: { first_name: 'Gift' } },
      'Bill',
    ],
    [
      'the customer over the host',
      { host: { name: 'Host Person' }, invitee: { email: 'i@x.com', name: 'Ivy Green' } },
      'Ivy',
    ],
    [
      'the buyer over a line item name',
      { email: 'b@x.com', line_items: [{ name: 'Sneakers' }], customer: { name: 'Cara Doe' } },
      'Cara',
    ],
    [
      'the customer over the merchant',
      { merchant: { first_name: 'Mo' }, customer: { first_name: 'Cy' }, email: 'c@x.com' },
      'Cy',
    ],
    [
      'the converting person over an event name',
      { email: 'e@x.com', event: { name: 'Webinar Booking' }, attendee: { name: 'Ada Byron' } },
      'Ada',
    ],
  ])('normalize prefers %s', (_, payload, firstName) => {
    expect(normalize(payload).conversion.firstName).toBe(firstName);
  });

  test.each([
    ['john.smith@x.com', 'John', 'Smith'],
    ['anna.kowalska@x.com', 'Anna', 'Kowalska'],
    ['jane_doe@x.com', 'Jane', 'Doe'],
    ['jean-luc@x.com', 'Jean', 'Luc'],
    ['peter.smith+news@x.com', 'Peter', 'Smith'],
    ['Zoe.Lee@x.com', 'Zoe', 'Lee'],
  ])('normalize derives the name from the first.last address %s when none is sent', (email, firstName, lastName) => {
    const { conversion, sources } = normalize({ email });
    expect(conversion).toMatchObject({ firstName, lastName, nameDerived: true });
    expect(sources.firstName).toBe('email');
    expect(sources.lastName).toBe('email');
  });

  test.each([
    'info@x.com',
    'admin@x.com',
    'sales@x.com',
    'no-reply@x.com',
    'support+t@x.com',
    'x7@x.com',
    'hello@x.com',
    // Not clearly first.last: a single word, digits, more than two parts, one-letter or vowel-less parts.
    'jane@x.com',
    'JOHN@x.com',
    'peter+news@x.com',
    'jsmith1984@x.com',
    'jane_doe123@x.com',
    'lw.mxa4aqn2@x.com',
    'xk7qp@x.com',
    'a.b@x.com',
    'xk.qp@x.com',
    'mary-ann.o.connor@x.com',
    'anna.maria.lopez@x.com',
    'info.desk@x.com',
    'test.user@x.com',
  ])('normalize derives no name from the address %s', (email) => {
    const { conversion } = normalize({ email });
    expect(conversion.firstName).toBeUndefined();
    expect(conversion.lastName).toBeUndefined();
    expect(conversion.nameDerived).toBe(false);
  });

  test.each([
    ['Shopify: the customer, not the order name "#1001"', shopifyOrder(), 'Bob', 'Norman'],
    ['WooCommerce: billing, not shipping', wooOrder(), 'John', 'Doe'],
    [
      'Stripe: customer_details.name',
      stripeEvent('checkout.session.completed', stripeCheckoutSession()),
      'Jenny',
      'Rosen',
    ],
    ['Mailchimp: merges FNAME/LNAME (ALL CAPS re-cased)', mailchimpSubscribe(), 'Mailchimp', 'Api'],
    ['Kajabi: payload.member.name', kajabiEvent({ member: { email: 'm@x.com', name: 'Lee Wong' } }), 'Lee', 'Wong'],
    [
      'Typeform: hidden first_name',
      typeformResponse([{ type: 'email', email: 't@x.com', field: { ref: 'e' } }], { first_name: 'Tia' }),
      'Tia',
      undefined,
    ],
  ])('normalize reads the name of %s', (_, payload, firstName, lastName) => {
    const { conversion } = normalize(payload);
    expect(conversion.firstName).toBe(firstName);
    expect(conversion.lastName).toBe(lastName);
  });
});

describe('person-name helpers', () => {
  test.each([
    ['Smith, John', { first: 'John', last: 'Smith' }],
    ['John Smith, Jr.', { first: 'John', last: 'Smith' }],
    ['Mrs Jane Doe', { first: 'Jane', last: 'Doe' }],
    ['Cher', { first: 'Cher' }],
    ['', {}],
  ])('splitFullName splits "%s"', (full, expected) => {
    expect(splitFullName(full)).toEqual(expected);
  });

  test.each([
    ['McDonald', 'McDonald'],
    ['MCDONALD', 'Mcdonald'],
    ['van der berg', 'Van der Berg'],
    ['Zoë', 'Zoë'],
    ['山田', '山田'],
  ])('fixCase turns "%s" into "%s"', (name, expected) => {
    expect(fixCase(name)).toBe(expected);
  });

  test.each([
    ['  Ann  ', 'Ann'],
    ['#1001', undefined],
    ['<b>Ann</b>', undefined],
    ['n/a', undefined],
    ['x'.repeat(1000), undefined],
  ])('cleanName reads "%s" as %s', (raw, expected) => {
    expect(cleanName(raw)).toBe(expected);
  });

  test('nameFromEmail gives nothing for a role address', () => {
    expect(nameFromEmail('orders@x.com')).toEqual({});
  });
});
