// A person who chose to stay anonymous gets no name: not the one sent, not one read from the email.
import { describe, expect, test } from 'vitest';
import { isAnonymousName } from '../../server/normalize/anonymous-choice.ts';
import { normalize } from './payload-builders.ts';

const EMAIL = 'anna.kowalska@example.com';

function expectNoName(payload: unknown): void {
  const { conversion, sources } = normalize(payload);
  expect(conversion.firstName).toBeUndefined();
  expect(conversion.lastName).toBeUndefined();
  expect(conversion.nameDerived).toBe(false);
  expect(sources.firstName).toBeUndefined();
}

describe('normalize gives no name when the person chose anonymity', () => {
  test.each([
    ['anonymous: true', { anonymous: true }],
    ['is_anonymous: true', { is_anonymous: true }],
    ['anonymous: "yes"', { anonymous: 'yes' }],
    ['anonymous_donation: true', { anonymous_donation: true }],
    ['isAnonymous: "true"', { isAnonymous: 'true' }],
    ['anonymous: 1', { anonymous: 1 }],
    ['a spreadsheet column "Anonymous" = TRUE', { Anonymous: 'TRUE' }],
    ['a form answer "Donate anonymously" = Yes', { 'Donate anonymously': 'Yes' }],
  ])('%s hides a sent name', (_, flag) => {
    expectNoName({ email: EMAIL, first_name: 'Anna', last_name: 'Kowalska', ...flag });
  });

  test('the flag on the donation hides the donor record’s name (Donorbox’s shape)', () => {
    expectNoName([
      {
        donor: { name: 'Anna Kowalska', first_name: 'Anna', last_name: 'Kowalska', email: EMAIL },
        amount: '25.0',
        currency: 'EUR',
        anonymous_donation: true,
      },
    ]);
  });

  test('the flag inside the donor record counts too', () => {
    expectNoName({ donor: { email: EMAIL, name: 'Anna Kowalska', anonymous: true }, amount: 5 });
  });

  test('no name is made up from a first.last email', () => {
    expectNoName({ email: EMAIL, anonymous: true });
  });

  test('no display name is read from "Name <address>"', () => {
    expectNoName({ from: `Anna Kowalska <${EMAIL}>`, is_anonymous: true });
  });

  test('a form answer in a label/value list counts', () => {
    expectNoName({
      fields: [
        { label: 'Email', value: EMAIL },
        { label: 'Name', value: 'Anna Kowalska' },
        { label: 'Give anonymously', value: 'Yes' },
      ],
    });
  });

  test('a row without an email hides its Name column', () => {
    expectNoName({ Name: 'Anna Kowalska', Anonymous: 'yes', Amount: '25' });
  });

  test.each(['Anonymous', 'anonymous donor', 'Anon'])(
    'the name "%s" hides every other name, the email’s too',
    (name) => {
      expectNoName({ email: EMAIL, name });
      expectNoName({ email: EMAIL, billing: { first_name: name }, customer: { first_name: 'Anna' } });
    },
  );

  test('the rest of the conversion is still read', () => {
    const { conversion } = normalize({ email: EMAIL, anonymous: true, total: '25.00', currency: 'EUR' });
    expect(conversion).toMatchObject({ email: EMAIL, total: 25, currency: 'EUR' });
  });
});

describe('normalize keeps the name when anonymity was not chosen', () => {
  test.each([
    ['anonymous: false', { anonymous: false }],
    ['anonymous_donation: "no"', { anonymous_donation: 'no' }],
    ['anonymous: 0', { anonymous: 0 }],
    ['an empty anonymous cell', { Anonymous: '' }],
    ['a setting that only allows anonymity', { allow_anonymous: true, anonymous_donations_enabled: true }],
    ['an analytics id', { anonymous_id: 'a1b2c3' }],
    ['the store’s own flag', { store: { anonymous: true } }],
  ])('%s', (_, fields) => {
    const { conversion } = normalize({ email: EMAIL, first_name: 'Anna', last_name: 'Kowalska', ...fields });
    expect(conversion).toMatchObject({ firstName: 'Anna', lastName: 'Kowalska' });
  });
});

describe('isAnonymousName', () => {
  test.each([
    ['Anonymous', true],
    [' anonymous supporter', true],
    ['ANON', true],
    ['Anonymously', false],
    ['Anona', false],
    ['Ann Anonymous', false],
  ])('isAnonymousName(%s) is %s', (text, expected) => {
    expect(isAnonymousName(text)).toBe(expected);
  });
});
