// Person-name text: validation, case repair, splitting a full name, and guessing a name from an email's local part.
import { isSharedInboxLocal } from './shared-inboxes.ts';
import { capText, MAX_NAME_CHARS } from './text-limits.ts';
import { isAscii, wordSet } from './key-words.ts';

/** Lower-case name particles that belong to the last name ("Jan van der Berg"). */
const PARTICLES: ReadonlySet<string> = wordSet(`
  van von der den de del della da di du la le dos das ten ter bin al el zu
`);
/** Irish and Scottish prefixes that also belong to the last name but are written capitalized ("Ó Súilleabháin"). */
const CAPITAL_PARTICLES: ReadonlySet<string> = wordSet('ó ní nic mac uí ua');
const HONORIFICS: ReadonlySet<string> = wordSet('mr mrs ms miss mx dr prof sir madam mme mlle herr frau');
const SUFFIXES: ReadonlySet<string> = wordSet('jr sr ii iii iv phd md esq dds cpa mba');
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'null',
  'undefined',
  'none',
  'n/a',
  'na',
  'nil',
  'unknown',
  'anonymous',
  'customer',
  'guest',
  'user',
  'name',
  'test',
  'first',
  'last',
  'firstname',
  'lastname',
  'first name',
  'last name',
  'your name',
  'true',
  'false',
]);
/** Characters that never occur in a person's name but do in order numbers, handles and markup. */
const NOT_A_NAME = /[\p{N}@#<>{}[\]/\\:;=_|~^*$%&+?!"()]/u;
const MAX_DERIVED_TOKEN_CHARS = 24;
/** Local-part words that are not names even when they look like one (`test.user@`, `web.dev@`). */
const NOT_NAME_WORDS: ReadonlySet<string> = wordSet(`
  test tester demo example sample user guest fake spam temp tmp dummy account web mail dev root the
  and inbox list lists shop store order orders app noreply reply
`);
/** A derivable local part: exactly two words of 2–24 letters joined by one `.`, `_` or `-` (`anna.kowalska`). */
const FIRST_LAST_LOCAL = /^(\p{L}{2,24})[._-](\p{L}{2,24})$/u;
/** The null-ish values a template sends for an empty field: a name is missing, not refused. */
const BLANKS: ReadonlySet<string> = new Set(['', 'null', 'undefined', 'none', 'nil', 'n/a', 'na', '-']);

/** A cleaned name, or undefined when the text is not a plausible person name. `leadingParticles`: a last name ("van der Berg"). */
export function cleanName(raw: string, leadingParticles = false): string | undefined {
  const text =
    raw.length > 4 * MAX_NAME_CHARS
      ? ''
      : (isAscii(raw) ? raw : raw.normalize('NFC'))
          .replace(/\s+/g, ' ')
          .trim()
          .replace(/^['‘’`]+|['‘’`]+$/g, '');
  if (text === '' || NOT_A_NAME.test(text) || !/\p{L}/u.test(text)) return undefined;
  if (PLACEHOLDERS.has(text.toLowerCase())) return undefined;
  return capText(fixCase(text, leadingParticles), MAX_NAME_CHARS);
}

/** Only ALL CAPS and all-lower names are re-cased; "McDonald", "van der Berg" and "山田" are left alone. */
export function fixCase(name: string, leadingParticles = false): string {
  const upper = name.toUpperCase();
  const lower = name.toLowerCase();
  if (upper === lower || (name !== upper && name !== lower)) return name;
  return titleCase(name, leadingParticles);
}

/** "jean-luc o'brien" → "Jean-Luc O'Brien"; particles stay lower inside a multi-word name. */
function titleCase(name: string, leadingParticles = false): string {
  const words = name.toLowerCase().split(' ');
  return words
    .map((word, i) => {
      const isParticle = PARTICLES.has(word) && words.length > 1 && i < words.length - 1 && (i > 0 || leadingParticles);
      return isParticle ? word : capitalize(word);
    })
    .join(' ');
}

/** Upper-cases the first letter and each letter after `-`, `'` or `’`. */
function capitalize(word: string): string {
  if (!isAscii(word)) {
    return word.replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
  }
  // The same rule for ASCII without a regex and a callback per match: only a-z change case.
  let done = '';
  let from = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 97 || code > 122) continue;
    const before = i === 0 ? -1 : word.charCodeAt(i - 1);
    if (i > 0 && before !== 45 && before !== 39) continue; // - '
    done += word.slice(from, i) + String.fromCharCode(code - 32);
    from = i + 1;
  }
  return from === 0 ? word : done + word.slice(from);
}

/** "John Smith", "Smith, John", "Dr. Jan van der Berg Jr." → first and last (first token, last token with its particles). */
export function splitFullName(full: string): { first?: string; last?: string } {
  let text = full;
  const comma = text.split(',');
  if (comma.length === 2) {
    const [left, right] = comma.map((part) => part.trim()) as [string, string];
    if (SUFFIXES.has(right.toLowerCase().replace(/\./g, ''))) text = left;
    else if (left !== '' && right !== '') text = `${right} ${left}`;
  }
  const tokens = text.split(/[\s,]+/).filter((token) => token !== '');
  while (tokens.length > 1 && HONORIFICS.has((tokens[0] as string).toLowerCase().replace(/\.$/, ''))) tokens.shift();
  while (tokens.length > 1 && SUFFIXES.has((tokens[tokens.length - 1] as string).toLowerCase().replace(/\./g, '')))
    tokens.pop();
  if (tokens.length === 0) return {};
  if (tokens.length === 1) return { first: tokens[0] as string };
  let lastStart = tokens.length - 1;
  while (lastStart > 1 && isParticle((tokens[lastStart - 1] as string).toLowerCase())) lastStart--;
  return { first: tokens[0] as string, last: tokens.slice(lastStart).join(' ') };
}

function isParticle(word: string): boolean {
  return PARTICLES.has(word) || CAPITAL_PARTICLES.has(word);
}

/**
 * A first-name field's text. With a separate last name it is kept whole ("Mary Ann"), less a copy
 * of that last name ("Jane Doe" + "Doe" → Jane); without one it is a full name and is split
 * ("Jane Doe" → Jane / Doe), so a last name never reaches the first-name field.
 */
export function splitFirstNameField(text: string, lastName: string | undefined): { first?: string; last?: string } {
  const trimmed = text.trim();
  if (lastName === undefined) return splitFullName(trimmed);
  const last = lastName.trim().toLowerCase();
  const lower = trimmed.toLowerCase();
  if (
    last !== '' &&
    lower.length > last.length + 1 &&
    lower.endsWith(last) &&
    lower[lower.length - last.length - 1] === ' '
  )
    return { first: trimmed.slice(0, trimmed.length - last.length).trim() };
  return { first: trimmed };
}

/** True for a value that carries no name at all (empty, `null`, `n/a`): a missing name, not a refused one. */
export function isBlankName(raw: string): boolean {
  return raw.length <= 32 && BLANKS.has(raw.trim().toLowerCase());
}

/**
 * `anna.kowalska@` → Anna Kowalska, and nothing else: only a local part that is clearly
 * first.last (or first_last, first-last) of letters gives a name. `jsmith1984@`, `jane@`,
 * `lw.mxa4aqn2@`, `a.b@` and shared inboxes (`info.desk@`) give none.
 */
export function nameFromEmail(email: string): { first?: string; last?: string } {
  const at = email.indexOf('@');
  let local = at < 0 ? email : email.slice(0, at);
  const plus = local.indexOf('+');
  if (plus >= 0) local = local.slice(0, plus);
  if (local.length > 2 * MAX_DERIVED_TOKEN_CHARS + 1) return {};
  const match = FIRST_LAST_LOCAL.exec(local);
  if (!match) return {};
  const first = (match[1] as string).toLowerCase();
  const last = (match[2] as string).toLowerCase();
  if (!isNameWord(first) || !isNameWord(last)) return {};
  return { first: titleCase(first), last: titleCase(last) };
}

/** A plausible name word: has a vowel (any non-ASCII letter counts), is no inbox, placeholder or filler word. */
function isNameWord(word: string): boolean {
  return (
    /[aeiouy]|[^\x00-\x7f]/.test(word) &&
    !isSharedInboxLocal(word) &&
    !PLACEHOLDERS.has(word) &&
    !NOT_NAME_WORDS.has(word)
  );
}
