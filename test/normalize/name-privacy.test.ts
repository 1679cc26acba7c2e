// A last name never reaches the first-name field, and a name is never made up where the person gave none or refused one.
import { describe, expect, test } from 'vitest';
import { isBlankName, splitFirstNameField, splitFullName } from '../../server/normalize/person-name.ts';
import { normalize } from './payload-builders.ts';

describe('normalize splits a whole name sent in one field', () => {
  test.each([
    ['first_name without a last name', { email: 'q@x.com', first_name: 'Jane Doe' }, 'first_name', 'first_name'],
    ["Mailchimp's FNAME without LNAME", { email: 'q@x.com', FNAME: 'Jane Doe' }, 'FNAME', 'FNAME'],
    ['FNAME beside an empty LNAME', { email: 'q@x.com', FNAME: 'Jane Doe', LNAME: '' }, 'FNAME', 'FNAME'],
    [
      'merges.FNAME in a Mailchimp form post',
      { type: 'subscribe', data: { email: 'q@x.com', merges: { EMAIL: 'q@x.com', FNAME: 'JANE DOE' } } },
      'data.merges.FNAME',
      'data.merges.FNAME',
    ],
    [
      'billing.first_name',
      { billing: { email: 'q@x.com', first_name: 'Jane Doe' } },
      'billing.first_name',
      'billing.first_name',
    ],
    ['name', { email: 'q@x.com', name: 'Jane Doe' }, 'name', 'name'],
    [
      'a first name that repeats the last name',
      { first_name: 'Jane Doe', last_name: 'Doe' },
      'first_name',
      'last_name',
    ],
  ])('normalize splits %s', (_, payload, firstSource, lastSource) => {
    const { conversion, sources } = normalize(payload);
    expect(conversion).toMatchObject({ firstName: 'Jane', lastName: 'Doe', nameDerived: false });
    expect(sources).toMatchObject({ firstName: firstSource, lastName: lastSource });
  });

  test("normalize splits Elementor's `name` field into Sofía and Ramírez", () => {
    const { conversion } = normalize({
      form: { id: 'a1b2c3d', name: 'Contact form' },
      fields: {
        name: { id: 'name', type: 'text', title: 'Name', value: 'Sofía Ramírez', raw_value: 'Sofía Ramírez' },
        email: { id: 'email', type: 'email', title: 'Email', value: 'sofia@x.com', raw_value: 'sofia@x.com' },
      },
    });
    expect(conversion).toMatchObject({ firstName: 'Sofía', lastName: 'Ramírez' });
  });

  test('normalize keeps a double first name whole when the last name is sent beside it', () => {
    const { conversion } = normalize({ email: 'q@x.com', first_name: 'Mary Ann', last_name: 'Lee' });
    expect(conversion).toMatchObject({ firstName: 'Mary Ann', lastName: 'Lee' });
  });

  test('normalize splits a double first name sent with no last name', () => {
    const { conversion } = normalize({ email: 'q@x.com', first_name: 'Mary Ann' });
    expect(conversion).toMatchObject({ firstName: 'Mary', lastName: 'Ann' });
  });

  test.each([
    [
      "Kit's fields.last_name",
      { subscriber: { email_address: 'q@x.com', first_name: 'Ann', fields: { last_name: 'Lee' } } },
    ],
    [
      'one-value arrays (Unbounce)',
      { 'data.json': JSON.stringify({ email: ['q@x.com'], first_name: ['Ann'], last_name: ['Lee'] }) },
    ],
  ])('normalize pairs the first and last name kept in %s', (_, payload) => {
    expect(normalize(payload).conversion).toMatchObject({ firstName: 'Ann', lastName: 'Lee', nameDerived: false });
  });

  test("normalize does not pair a first name with a sibling record's last name", () => {
    const { conversion } = normalize({
      billing: { email: 'q@x.com', first_name: 'Ann' },
      shipping: { last_name: 'Gift' },
    });
    expect(conversion.firstName).toBe('Ann');
    expect(conversion.lastName).toBeUndefined();
  });
});

describe('normalize makes no name up over a refused one', () => {
  test.each([
    ['markup', '<script>alert(1)</script>'],
    ['digits', 'jsmith99'],
    ['a URL', 'https://evil.example'],
    ['a placeholder', 'guest'],
    ['symbols', '$$$'],
  ])('normalize gives no name when the first name is %s and the email is first.last', (_, firstName) => {
    const { conversion } = normalize({ email: 'anna.kowalska@x.com', first_name: firstName });
    expect(conversion.firstName).toBeUndefined();
    expect(conversion.lastName).toBeUndefined();
    expect(conversion.nameDerived).toBe(false);
  });

  test.each([
    ['an empty string', ''],
    ['null text', 'null'],
    ['n/a', 'n/a'],
  ])('normalize still derives from a first.last email when the first name is %s', (_, firstName) => {
    const { conversion } = normalize({ email: 'anna.kowalska@x.com', first_name: firstName });
    expect(conversion).toMatchObject({ firstName: 'Anna', lastName: 'Kowalska', nameDerived: true });
  });

  test("normalize still derives when only a bare `name` is no person's name (an order's `#1001`)", () => {
    expect(normalize({ email: 'anna.kowalska@x.com', name: '#1001' }).conversion.firstName).toBe('Anna');
  });
});

describe('normalize keeps names as written', () => {
  test.each([
    ["O'Connor", "O'Connor"],
    ["o'connor", "O'Connor"],
    ["D'Angelo", "D'Angelo"],
    ["d'angelo", "D'Angelo"],
    ['Jean-Luc', 'Jean-Luc'],
    ['anne-marie', 'Anne-Marie'],
    ['Ó Súilleabháin', 'Ó Súilleabháin'],
    ['McDonald', 'McDonald'],
    ['van der Berg', 'van der Berg'],
    ['山田', '山田'],
    ['Ελένη', 'Ελένη'],
    ['ΕΛΈΝΗ', 'Ελένη'],
  ])('normalize reads the last name "%s" as "%s"', (lastName, expected) => {
    expect(normalize({ email: 'q@x.com', first_name: 'Ann', last_name: lastName }).conversion.lastName).toBe(expected);
  });

  test.each([
    ['Siobhán Ó Súilleabháin', 'Siobhán', 'Ó Súilleabháin'],
    ["siobhán o'connor", 'Siobhán', "O'Connor"],
    ['Jean-Luc Picard', 'Jean-Luc', 'Picard'],
    ['Ελένη Παπαδοπούλου', 'Ελένη', 'Παπαδοπούλου'],
  ])('normalize splits the full name "%s"', (name, firstName, lastName) => {
    expect(normalize({ email: 'q@x.com', full_name: name }).conversion).toMatchObject({ firstName, lastName });
  });
});

describe('person-name helpers for one-field names', () => {
  test.each([
    ['Jane Doe', undefined, { first: 'Jane', last: 'Doe' }],
    ['Mary Ann', 'Lee', { first: 'Mary Ann' }],
    ['Jane Doe', 'Doe', { first: 'Jane' }],
    ['Jane', undefined, { first: 'Jane' }],
  ])('splitFirstNameField("%s", %s)', (text, last, expected) => {
    expect(splitFirstNameField(text, last)).toEqual(expected);
  });

  test('splitFullName keeps an Irish prefix with the last name', () => {
    expect(splitFullName('Seán Mac Giolla')).toEqual({ first: 'Seán', last: 'Mac Giolla' });
  });

  test.each([
    ['', true],
    [' null ', true],
    ['N/A', true],
    ['guest', false],
    ['<b>', false],
  ])('isBlankName("%s") is %s', (raw, expected) => {
    expect(isBlankName(raw)).toBe(expected);
  });
});

describe('normalize reads the display name written before an address', () => {
  test.each([
    ['New signup: Ann Lee <ann@x.com>', 'Ann', 'Lee'],
    ['From: "Lee, Ann" <ann@x.com>', 'Ann', 'Lee'],
    ['Ann <ann@x.com>', 'Ann', undefined],
    ['Sofía Ramírez <sofia@x.com>, paid', 'Sofía', 'Ramírez'],
  ])('normalize reads "%s"', (text, firstName, lastName) => {
    const { conversion } = normalize(text);
    expect(conversion).toMatchObject({ firstName, nameDerived: false });
    expect(conversion.lastName).toBe(lastName);
  });

  test.each([
    'Acme Support <support@x.com>',
    'x <b@x.com>',
    'Order by Sofía Ramírez <sofia@x.com>',
    '<b>Ann</b> <ann@x.com>',
    '<ann@x.com>',
  ])('normalize reads no name from "%s"', (text) => {
    expect(normalize(text).conversion.firstName).toBeUndefined();
  });
});
