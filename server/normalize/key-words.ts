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
export const MAX_PREFIX_TOKENS = 3;

export const EMPTY_KEY: KeyInfo = Object.freeze({ raw: '', norm: '', tokens: Object.freeze([] as string[]) });

export function toKeyInfo(raw: string): KeyInfo {
  if (raw === '') return EMPTY_KEY;
  const tokens = tokenize(raw.length > MAX_KEY_CHARS ? raw.slice(0, MAX_KEY_CHARS) : raw);
  return { raw, norm: joinTokens(tokens), tokens };
}

/** `tokens.join('')`, which costs several times more for the one- and two-word keys that dominate. */
function joinTokens(tokens: readonly string[]): string {
  if (tokens.length === 1) return tokens[0] as string;
  let norm = '';
  for (const token of tokens) norm += token;
  return norm;
}

const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;
const OTHER = 0;

/**
 * Splits at separators, lower→Upper (`firstName`), UPPER→Upper-lower (`URLPath`) and
 * letter↔digit (`address1`). Hand-written loops: this runs for every key of every payload.
 */
function tokenize(text: string): string[] {
  return isAscii(text) ? tokenizeAscii(text) : tokenizeChars(Array.from(text));
}

/** True when every UTF-16 unit is ASCII: then case mapping, NFC/NFD and code points are trivial. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The ASCII case of tokenizeChars: tokens are slices of the key lower-cased once, not strings grown per character. */
function tokenizeAscii(text: string): string[] {
  const lower = text.toLowerCase();
  const tokens: string[] = [];
  let start = -1;
  let previous = OTHER;
  let kind = text.length > 0 ? asciiKind(text.charCodeAt(0)) : OTHER;
  for (let i = 0; i < text.length; i++) {
    const next = i + 1 < text.length ? asciiKind(text.charCodeAt(i + 1)) : OTHER;
    if (kind === OTHER) {
      if (start !== -1) tokens.push(lower.slice(start, i));
      start = -1;
    } else if (start === -1) {
      start = i;
    } else if (isBoundary(previous, kind, next)) {
      tokens.push(lower.slice(start, i));
      start = i;
    }
    previous = kind;
    kind = next;
  }
  if (start !== -1) tokens.push(lower.slice(start));
  return tokens;
}

/** Any text, one code point per element (a non-BMP letter is one character). */
function tokenizeChars(chars: readonly string[]): string[] {
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
      if (current !== '' && isBoundary(previous, kind, next)) {
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

/** Whether a word starts at a character of `kind` (not a separator) that continues a word. */
function isBoundary(previous: number, kind: number, next: number): boolean {
  return (
    (kind === UPPER && (previous === LOWER || previous === DIGIT)) ||
    (kind === UPPER && previous === UPPER && next === LOWER) ||
    (kind === DIGIT) !== (previous === DIGIT)
  );
}

function asciiKind(code: number): number {
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 48 && code <= 57) return DIGIT;
  return OTHER;
}

function charKind(char: string): number {
  const code = char.charCodeAt(0);
  if (code < 0x80) return asciiKind(code);
  if (char.toLowerCase() !== char) return UPPER;
  if (char.toUpperCase() !== char || /\p{L}/u.test(char)) return LOWER;
  return /\p{N}/u.test(char) ? DIGIT : OTHER;
}

/**
 * Which of `bases` the key names, allowing a qualifying prefix from `prefixes`
 * (`billing_city`, `customerFirstName`, `billingcity`). Returns the matched base.
 * A prefix outside the list (`product_name`, `company_city`) does not match.
 * The finders' loops use key-matchers.ts, which answers the same from precomputed tables.
 */
export function matchKey(key: KeyInfo, bases: ReadonlySet<string>, prefixes: ReadonlySet<string>): string | undefined {
  if (bases.has(key.norm)) return key.norm;
  if (key.tokens.length > 1) return matchPrefixedWords(key, bases, prefixes);
  // A single lower-case compound such as `billingcity` or `customeremail`.
  for (const base of bases) {
    if (key.norm.length > base.length && key.norm.endsWith(base) && prefixes.has(key.norm.slice(0, -base.length)))
      return base;
  }
  return undefined;
}

/** `billing_first_name`: leading words must all be prefixes until the rest is a base. */
export function matchPrefixedWords(
  key: KeyInfo,
  bases: ReadonlySet<string>,
  prefixes: ReadonlySet<string>,
): string | undefined {
  const { tokens } = key;
  let rest = key.norm;
  for (let i = 0; i < tokens.length - 1 && i < MAX_PREFIX_TOKENS; i++) {
    const token = tokens[i] as string;
    if (!prefixes.has(token)) return undefined;
    rest = rest.slice(token.length);
    if (bases.has(rest)) return rest;
  }
  return undefined;
}

export function hasToken(key: KeyInfo, words: ReadonlySet<string>): boolean {
  for (const token of key.tokens) if (words.has(token)) return true;
  return false;
}

/** Letters only, lower-case, accents removed: compares `São Tomé` with `sao tome`. */
export function foldText(value: string): string {
  // ASCII has no marks to strip and its letters and digits are exactly [a-z0-9] once lower-cased.
  if (isAscii(value)) return value.toLowerCase().replace(/[^a-z0-9]+/g, '');
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
