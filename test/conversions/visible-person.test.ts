// What of a person a visitor may see: the normalizer's name rules applied again to whatever is
// stored, then cut down to the owner's privacy level.
import { describe, expect, test } from 'vitest';
import type { PrivacyRules } from '../../shared/protocol.ts';
import { type PersonFields, initialOf, visibleName, visiblePerson } from '../../server/conversions/visible-person.ts';

const DEFAULT: PrivacyRules = { privacy: 'first-initial', showCity: true, showCountry: true };

function person(fields: Partial<PersonFields>): PersonFields {
  return { nameDerived: false, ...fields };
}

describe('names', () => {
  test.each([
    ['a first and a last name', { firstName: 'Maria', lastName: 'Garcia' }, { first: 'Maria', last: 'Garcia' }],
    ['a full name in the first-name field', { firstName: 'Jane Doe' }, { first: 'Jane', last: 'Doe' }],
    [
      'a full name with the last name repeated',
      { firstName: 'Jane Doe', lastName: 'Doe' },
      { first: 'Jane', last: 'Doe' },
    ],
    [
      'a two-word first name beside a last name',
      { firstName: 'Mary Ann', lastName: 'Lee' },
      { first: 'Mary Ann', last: 'Lee' },
    ],
    ['an accented full name', { firstName: 'Sofía Ramírez' }, { first: 'Sofía', last: 'Ramírez' }],
    ['an apostrophe', { firstName: 'Sean', lastName: "O'Connor" }, { first: 'Sean', last: "O'Connor" }],
    ['a hyphen', { firstName: 'Zoë-Anne', lastName: 'Smith' }, { first: 'Zoë-Anne', last: 'Smith' }],
    ['a name in kanji', { firstName: '山田 太郎' }, { first: '山田', last: '太郎' }],
    ['all caps', { firstName: 'JANE', lastName: 'DOE' }, { first: 'Jane', last: 'Doe' }],
    ['only a first name', { firstName: 'Jane' }, { first: 'Jane' }],
    ['no name', {}, {}],
    ['a blank first name', { firstName: 'null', lastName: 'Doe' }, {}],
  ])('%s', (_case, fields, expected) => {
    expect(visibleName(person(fields))).toEqual(expected);
  });

  test.each([
    ['markup', '<img src=x onerror=alert(1)>'],
    ['markup after a name', 'Jane <b>Doe</b>'],
    ['a URL', 'https://spam.example.com'],
    ['digits', 'Order 1234'],
    ['a whole email', 'jane.doe@example.com'],
    ['a placeholder', 'Customer'],
  ])('a first name that is %s is dropped, and no name is made up from the email', (_case, firstName) => {
    const shown = visibleName(person({ firstName, lastName: 'Doe', email: 'jane.doe@example.com' }));
    expect(shown).toEqual({});
  });

  test('a hostile last name only costs the initial', () => {
    expect(visibleName(person({ firstName: 'Jane', lastName: '<script>x</script>' }))).toEqual({ first: 'Jane' });
  });

  test('a name made from a first.last email is kept while today’s rule makes the same one', () => {
    const derived = person({ email: 'jane.doe@example.com', firstName: 'Jane', lastName: 'Doe', nameDerived: true });
    expect(visibleName(derived)).toEqual({ first: 'Jane', last: 'Doe' });
  });

  test.each([
    ['jsmith1984@example.com', 'Jsmith', undefined],
    ['lw.mxa4aqn2@example.com', 'Mxa', 'A'],
    ['info.desk@example.com', 'Info', 'Desk'],
  ])('a name an older rule made from %s is not shown', (email, firstName, lastName) => {
    expect(visibleName(person({ email, firstName, lastName, nameDerived: true }))).toEqual({});
  });

  test('a derived name without its email is not shown', () => {
    expect(visibleName(person({ firstName: 'Jane', lastName: 'Doe', nameDerived: true }))).toEqual({});
  });

  test('a derived name that no longer matches its email is not shown', () => {
    const changed = person({ email: 'anna.kowalska@example.com', firstName: 'Jane', nameDerived: true });
    expect(visibleName(changed)).toEqual({});
  });
});

describe('the initial', () => {
  test.each([
    ['Garcia', 'G'],
    ['garcia', 'G'],
    ["O'Connor", 'O'],
    ['van der Berg', 'V'],
    ['Ó Súilleabháin', 'Ó'],
    ['Ramírez', 'R'],
    ['太郎', '太'],
    ['Łukasiewicz', 'Ł'],
    // A decomposed accent is one grapheme of two code points: it stays whole.
    ['e\u0301vora', 'E\u0301'],
    // "ß" upper-cases to two letters; the initial stays one.
    ['ßmith', 'ß'],
    ['-Lee', 'L'],
    ['x', 'X'],
    // An ASCII letter that a following mark, joiner or selector extends is still one grapheme.
    ['a\u0308rzt', 'A\u0308'],
    ['k\u200dx', 'K\u200d'],
    ['s\ufe0f', 'S\ufe0f'],
  ])('%s → %s', (last, initial) => {
    expect(initialOf(last)).toBe(initial);
  });

  test('names starting with an ASCII letter get the first grapheme, whatever follows it', () => {
    const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const followers = [
      '',
      'a',
      ' ',
      "'",
      '-',
      '\u00e9',
      '\u02ff',
      '\u0300',
      '\u0301',
      '\u200d',
      '\u20e3',
      '\ufe0f',
      '\u{1f3fb}',
      '\u0915',
    ];
    for (const letter of ['a', 'M', 'z', 'Q'])
      for (const next of followers) {
        const name = `${letter}${next}son`;
        const first = graphemes.segment(name)[Symbol.iterator]().next().value?.segment ?? '';
        expect(initialOf(name), JSON.stringify(name)).toBe(first.toUpperCase());
      }
  });

  test('a last name with no letter has no initial', () => {
    expect(initialOf("'-")).toBeUndefined();
  });
});

describe('privacy levels', () => {
  const maria = person({
    email: 'maria@example.com',
    firstName: 'Maria',
    lastName: 'Garcia',
    city: 'Austin',
    state: 'Texas',
    country: 'United States of America',
    countryCode: 'US',
  });

  test('first name and initial (the default), with city, state and country', () => {
    expect(visiblePerson(maria, DEFAULT)).toEqual({
      firstName: 'Maria',
      lastInitial: 'G',
      city: 'Austin',
      state: 'Texas',
      country: 'United States of America',
      countryCode: 'US',
    });
  });

  test('first name only: no initial', () => {
    const shown = visiblePerson(maria, { ...DEFAULT, privacy: 'first' });
    expect(shown.firstName).toBe('Maria');
    expect(shown).not.toHaveProperty('lastInitial');
  });

  test('anonymous: no name at all', () => {
    const shown = visiblePerson(maria, { ...DEFAULT, privacy: 'anonymous' });
    expect(shown).not.toHaveProperty('firstName');
    expect(shown).not.toHaveProperty('lastInitial');
    expect(shown.city).toBe('Austin');
  });

  test('without the city: neither city nor state', () => {
    const shown = visiblePerson(maria, { ...DEFAULT, showCity: false });
    expect(shown).not.toHaveProperty('city');
    expect(shown).not.toHaveProperty('state');
    expect(shown.countryCode).toBe('US');
  });

  test('without the country: neither country nor its code', () => {
    const shown = visiblePerson(maria, { ...DEFAULT, showCountry: false });
    expect(shown).not.toHaveProperty('country');
    expect(shown).not.toHaveProperty('countryCode');
    expect(shown.city).toBe('Austin');
  });

  test('the email is never part of what is visible', () => {
    expect(JSON.stringify(visiblePerson(maria, DEFAULT))).not.toContain('@');
  });
});
