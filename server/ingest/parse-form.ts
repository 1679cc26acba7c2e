// Parses urlencoded form text into nested plain objects with qs (`data[merges][EMAIL]`, `products[0][price]`).
import { isUtf8 } from 'node:buffer';
import qs from 'qs';
import { type ByteDecoder, createByteDecoder, toAsciiCompatible } from './decode-text.ts';
import { parseFlatForm } from './parse-flat-form.ts';

/** Pairs read from one form or multipart body; past it the rest is dropped with a warning. */
export const FORM_PARAMETER_LIMIT = 10_000;

const QS_OPTIONS = {
  // Keys like `hasOwnProperty` are kept as data: the containers qs builds have a null prototype,
  // and qs itself drops `__proto__` keys. toPlainValue() below turns them into JSON-like objects.
  allowPrototypes: false,
  plainObjects: true,
  // Deeper brackets are not lost: qs keeps the rest as one literal key (`a[b]…[u]` + `[v][w]`).
  depth: 20,
  strictDepth: false,
  // `a[99999]=x` becomes the key "99999" instead of a huge sparse array.
  arrayLimit: 100,
  parameterLimit: FORM_PARAMETER_LIMIT,
  throwOnLimitExceeded: false,
  duplicates: 'combine',
  // `a.b=1` keeps its dotted key: real field names contain dots.
  allowDots: false,
  // Rails-style `utf8=✓` tells the form's real charset (https://github.com/ljharb/qs#dealing-with-special-character-sets);
  // pages in a legacy charset send characters they cannot encode as `&#9786;`.
  charsetSentinel: true,
  interpretNumericEntities: true,
} as const satisfies qs.IParseOptions;

export interface ParsedForm {
  value: Record<string, unknown>;
  /** The body's charset, or the one the %-escapes needed instead (sentinel, windows-1252 fallback). */
  charset: string;
  warnings: string[];
}

/**
 * `text` is the already-decoded body; `charset` is what decoded it, `explicit` whether the
 * sender said so. The %-escapes are read in the sentinel's charset if there is one, else in
 * `charset`; UTF-8 escapes that are not valid UTF-8 are read as windows-1252 instead.
 */
export async function parseForm(text: string, charset: string, explicit: boolean): Promise<ParsedForm> {
  const warnings: string[] = [];
  const sentinel = findCharsetSentinel(text);
  let escapes = toAsciiCompatible(sentinel ?? charset);
  if (escapes === 'utf-8' && !escapesAreUtf8(text)) {
    escapes = 'windows-1252';
    const why = sentinel !== undefined || explicit ? 'declared utf-8' : 'without a charset';
    warnings.push(`%-escapes in a form ${why} are not UTF-8; decoded as windows-1252`);
  }
  const value = parseEncoded(text, escapes, await createByteDecoder(escapes));
  if (countParameters(text, FORM_PARAMETER_LIMIT) > FORM_PARAMETER_LIMIT) {
    warnings.push(`form truncated to its first ${FORM_PARAMETER_LIMIT} parameters`);
  }
  return { value, charset: escapes === toAsciiCompatible(charset) ? charset : escapes, warnings };
}

/** A URL query (without `?`), nested like a form. Query escapes are UTF-8 (https://url.spec.whatwg.org/#concept-urlencoded-parser). */
export function parseQueryString(query: string): Record<string, unknown> {
  const utf8 = new TextDecoder('utf-8');
  return parseEncoded(query, 'utf-8', (bytes) => utf8.decode(bytes));
}

/** Forms without brackets (most senders') skip qs: its per-key nesting and merging cost ~3/4 of a form's parse. */
export function parseEncoded(text: string, escapes: string, decodeBytes: ByteDecoder): Record<string, unknown> {
  const reading = readingOf(escapes, decodeBytes);
  const { parameterLimit, arrayLimit } = QS_OPTIONS;
  return parseFlatForm(text, { ...reading, parameterLimit, arrayLimit }) ?? viaQs(text, reading);
}

/** The same text through qs alone, as every form was read before the flat fast path. */
export function parseWithQs(text: string, escapes: string, decodeBytes: ByteDecoder): Record<string, unknown> {
  return viaQs(text, readingOf(escapes, decodeBytes));
}

interface Reading {
  charset: 'utf-8' | 'iso-8859-1';
  decode: (encoded: string) => string;
}

/** qs's charset option and the %-escape decoder, as both readers take them. */
function readingOf(escapes: string, decodeBytes: ByteDecoder): Reading {
  return {
    charset: escapes === 'utf-8' ? 'utf-8' : 'iso-8859-1',
    decode: (encoded: string) => decodeEscapes(encoded, escapes, decodeBytes),
  };
}

function viaQs(text: string, { charset, decode }: Reading): Record<string, unknown> {
  return toPlainObject(qs.parse(text, { ...QS_OPTIONS, charset, decoder: decode }));
}

/** Nests already-decoded fields (from multipart) exactly as forms are nested. */
export function nestFields(fields: Record<string, string | string[]>): Record<string, unknown> {
  // qs accepts an object of decoded pairs; its declared type only lacks the array values.
  return toPlainObject(qs.parse(fields as Record<string, string>, QS_OPTIONS));
}

/** The same exact strings qs matches, so both agree on which charset the sentinel selects. */
function findCharsetSentinel(text: string): string | undefined {
  let from = 0;
  if (!text.startsWith('utf8=')) {
    const amp = text.indexOf('&utf8=');
    if (amp === -1) return undefined;
    from = amp + 1;
  }
  const end = text.indexOf('&', from);
  const pair = text.slice(from, end === -1 ? text.length : end);
  if (pair === 'utf8=%E2%9C%93') return 'utf-8';
  if (pair === 'utf8=%26%2310003%3B') return 'windows-1252';
  return undefined;
}

function escapesAreUtf8(text: string): boolean {
  if (!/%[89a-f]/i.test(text)) return true; // only escapes of bytes >= 0x80 can be invalid
  for (const [run] of text.matchAll(/(?:%[0-9A-Fa-f]{2})+/g)) {
    if (!isUtf8(escapeRunToBytes(run))) return false;
  }
  return true;
}

/** `+` is a space in forms (https://url.spec.whatwg.org/#urlencoded-parsing); malformed `%zz` stays as-is. */
function decodeEscapes(encoded: string, charset: string, decodeBytes: ByteDecoder): string {
  const spaced = encoded.includes('+') ? encoded.replaceAll('+', ' ') : encoded;
  if (!spaced.includes('%')) return spaced;
  if (charset === 'utf-8') {
    try {
      return decodeURIComponent(spaced);
    } catch {
      // a stray `%` or `%zz`: decode the valid escapes one run at a time below
    }
  }
  return spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => decodeBytes(escapeRunToBytes(run)));
}

function escapeRunToBytes(run: string): Buffer {
  return Buffer.from(run.replaceAll('%', ''), 'hex');
}

function countParameters(text: string, limit: number): number {
  let count = 1;
  for (let i = text.indexOf('&'); i !== -1 && count <= limit; i = text.indexOf('&', i + 1)) count++;
  return count;
}

function toPlainObject(value: Record<string, unknown>): Record<string, unknown> {
  return toPlainValue(value) as Record<string, unknown>;
}

/**
 * Null-prototype objects throw on `${obj}` and lack hasOwnProperty, so downstream code gets the
 * same shape JSON.parse gives. Object.fromEntries defines properties (never assigns), so no key
 * can reach a prototype; recursion is bounded by qs's depth option.
 */
function toPlainValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlainValue);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, toPlainValue(child)]));
}
