// Field-name matching: `billing_first_name`, `BillingFirstName` and `Billing First Name` become the same words.

export interface KeyInfo {
  readonly raw: string;
  /** The tokens joined: `first_name` → `firstname`. */
  readonly norm: string;
  /** Lower-case words: `customerEmail` → [`customer`, `email`]. */
  readonly tokens: readonly string[];
}

/** Longer keys are data, not names; tokenizing them whole would only cost time. */
const MAX_KEY_CHARS = 128;
const MAX_PREFIX_TOKENS = 3;

export const EMPTY_KEY: KeyInfo = Object.freeze({ raw: '', norm: '', tokens: Object.freeze([] as string[]) });

export function toKeyInfo(raw: string): KeyInfo {
  if (raw === '') return EMPTY_KEY;
  const tokens = tokenize(raw.length > MAX_KEY_CHARS ? raw.slice(0, MAX_KEY_CHARS) : raw);
  return { raw, norm: tokens.join(''), tokens };
}

const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;
const OTHER = 0;

/**
 * Splits at separators, lower→Upper (`firstName`), UPPER→Upper-lower (`URLPath`) and
 * letter↔digit (`address1`). A hand-written loop: this runs for every key of every payload.
 */
function tokenize(text: string): string[] {
  // Code points, so a non-BMP letter is one character; ASCII keys (nearly all) skip Array.from.
  const chars = /^[\x00-\x7f]*$/.test(text) ? text : Array.from(text);
  const tokens: string[] = [];
  let current = '';
  let previous = OTHER;
  let kind = chars.length > 0 ? charKind(chars[0] as string) : OTHER;
  for (let i = 0; i < chars.length; i++) {
    const next = i + 1 < chars.length ? charKind(chars[i + 1] as string) : OTHER;
    if (kind === OTHER) {
      if (current !== '') tokens.push(current);
      current = '';
    } else {
      const boundary =
        current !== '' &&
        ((kind === UPPER && (previous === LOWER || previous === DIGIT)) ||
          (kind === UPPER && previous === UPPER && next === LOWER) ||
          (kind === DIGIT) !== (previous === DIGIT));
      if (boundary) {
        tokens.push(current);
        current = '';
      }
      current += kind === UPPER ? (chars[i] as string).toLowerCase() : (chars[i] as string);
    }
    previous = kind;
    kind = next;
  }
  if (current !== '') tokens.push(current);
  return tokens;
}

function charKind(char: string): number {
  const code = char.charCodeAt(0);
  if (code < 0x80) {
    if (code >= 65 && code <= 90) return UPPER;
    if (code >= 97 && code <= 122) return LOWER;
    if (code >= 48 && code <= 57) return DIGIT;
    return OTHER;
  }
  if (char.toLowerCase() !== char) return UPPER;
  if (char.toUpperCase() !== char || /\p{L}/u.test(char)) return LOWER;
  return /\p{N}/u.test(char) ? DIGIT : OTHER;
}

/**
 * Which of `bases` the key names, allowing a qualifying prefix from `prefixes`
 * (`billing_city`, `customerFirstName`, `billingcity`). Returns the matched base.
 * A prefix outside the list (`product_name`, `company_city`) does not match.
 */
export function matchKey(key: KeyInfo, bases: ReadonlySet<string>, prefixes: ReadonlySet<string>): string | undefined {
  if (bases.has(key.norm)) return key.norm;
  const { tokens } = key;
  if (tokens.length > 1) {
    let rest = key.norm;
    for (let i = 0; i < tokens.length - 1 && i < MAX_PREFIX_TOKENS; i++) {
      const token = tokens[i] as string;
      if (!prefixes.has(token)) return undefined;
      rest = rest.slice(token.length);
      if (bases.has(rest)) return rest;
    }
    return undefined;
  }
  // A single lower-case compound such as `billingcity` or `customeremail`.
  for (const base of bases) {
    if (key.norm.length > base.length && key.norm.endsWith(base) && prefixes.has(key.norm.slice(0, -base.length)))
      return base;
  }
  return undefined;
}

export function hasToken(key: KeyInfo, words: ReadonlySet<string>): boolean {
  for (const token of key.tokens) if (words.has(token)) return true;
  return false;
}

/** Letters only, lower-case, accents removed: compares `São Tomé` with `sao tome`. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A set from a whitespace-separated word list: keeps long vocabularies readable. */
export function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.trim().split(/\s+/));
}
