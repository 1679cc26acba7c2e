// What of the converting person a visitor may see, decided from the owner's privacy rules and the
// normalizer's own name rules, whatever path the conversion took (webhook, replay, import, manual
// entry, a row stored under older rules). Free of zod and Node APIs: the admin page bundles it.
import type { PrivacyRules } from '../../shared/protocol.ts';
import { cleanName, isBlankName, nameFromEmail, splitFirstNameField } from '../normalize/person-name.ts';
import type { Conversion } from './conversion.types.ts';

export type PersonFields = Pick<
  Conversion,
  'email' | 'firstName' | 'lastName' | 'nameDerived' | 'city' | 'state' | 'country' | 'countryCode'
>;

export interface VisiblePerson {
  firstName?: string;
  /** One letter, upper case: never more of the last name. */
  lastInitial?: string;
  city?: string;
  state?: string;
  country?: string;
  countryCode?: string;
}

export interface PersonName {
  first?: string;
  last?: string;
}

export function visiblePerson(person: PersonFields, rules: PrivacyRules): VisiblePerson {
  const name = rules.privacy === 'anonymous' ? {} : visibleName(person);
  const lastInitial = rules.privacy === 'first-initial' && name.last ? initialOf(name.last) : undefined;
  return {
    ...(name.first && { firstName: name.first }),
    ...(lastInitial && { lastInitial }),
    ...(rules.showCity && { city: person.city, state: person.state }),
    ...(rules.showCountry && { country: person.country, countryCode: person.countryCode }),
  };
}

/**
 * The person's first and last name as today's rules read them, or none. A stored name is not
 * trusted as it is: it may predate a rule, or come from a path that never ran the normalizer.
 */
export function visibleName(person: PersonFields): PersonName {
  if (person.nameDerived) return derivedName(person);
  const raw = person.firstName;
  if (raw === undefined || isBlankName(raw)) return {};
  // Cleaned whole first: "Jane <img …>" is markup, not "Jane" with an odd last name. A refused
  // first name stays refused: the popup then says the anonymous word, never a name made from the email.
  const whole = cleanName(raw);
  if (whole === undefined) return {};
  const hasLast = person.lastName !== undefined && !isBlankName(person.lastName);
  // Without a last name, a first-name field holding "Jane Doe" is a full name and is split.
  const parts = splitFirstNameField(whole, hasLast ? person.lastName : undefined);
  const first = parts.first === undefined ? undefined : cleanName(parts.first);
  if (first === undefined) return {};
  const lastText = hasLast ? person.lastName : parts.last;
  const last = lastText === undefined ? undefined : cleanName(lastText, true);
  return last === undefined ? { first } : { first, last };
}

/** A name made up from the email is shown only while today's rule still makes the same one from it. */
function derivedName(person: PersonFields): PersonName {
  if (!person.email || !person.firstName) return {};
  const today = nameFromEmail(person.email);
  if (!today.first || today.first.toLowerCase() !== person.firstName.trim().toLowerCase()) return {};
  return today.last ? { first: today.first, last: today.last } : { first: today.first };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const STARTS_WITH_LETTER = /^\p{L}/u;

/**
 * The first letter of a last name as one grapheme, upper-cased when that stays one grapheme
 * ("ß" would become "SS"): "van der Berg" → "V", "Ó Súilleabháin" → "Ó", "太郎" → "太".
 */
export function initialOf(lastName: string): string | undefined {
  // Most names start with an ASCII letter followed by a code point below U+0300, and nothing below
  // U+0300 extends a grapheme (the first combining mark is U+0300), so the letter is the whole first
  // grapheme: no segmenter needed, which was most of a public view's cost.
  const first = lastName.charCodeAt(0);
  const isAsciiLetter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
  const next = lastName.charCodeAt(1); // NaN for a one-letter name
  if (isAsciiLetter && (Number.isNaN(next) || next < 0x300)) return lastName[0]?.toUpperCase();
  for (const { segment } of graphemes.segment(lastName)) {
    if (!STARTS_WITH_LETTER.test(segment)) continue;
    const upper = segment.toUpperCase();
    return graphemeCount(upper) === 1 ? upper : segment;
  }
  return undefined;
}

function graphemeCount(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}
