// A fast path for urlencoded forms whose keys have no brackets (`email=…&first_name=…`), the shape
// most senders post. It returns exactly what qs returns for such text with parse-form.ts's options
// (test/ingest/parse-flat-form.test.ts compares both on the fixtures and on generated forms), or
// undefined when the text needs qs: brackets anywhere (qs reads `%5B`/`%5D` as brackets too), or a
// key repeated past qs's array limit (qs then turns the array into an object).

/** qs's `utf8=` sentinels (https://github.com/ljharb/qs#dealing-with-special-character-sets). */
const UTF8_SENTINEL = 'utf8=%E2%9C%93';
const ISO_SENTINEL = 'utf8=%26%2310003%3B';
const NEEDS_QS = /[[\]]|%5[BbDd]/;
const NUMERIC_ENTITY = /&#(\d+);/g;

export interface FlatFormOptions {
  /** qs's `charset` option: what the text is read as unless a sentinel says otherwise. */
  charset: 'utf-8' | 'iso-8859-1';
  parameterLimit: number;
  arrayLimit: number;
  decode: (encoded: string) => string;
}

export function parseFlatForm(text: string, options: FlatFormOptions): Record<string, unknown> | undefined {
  if (NEEDS_QS.test(text)) return undefined;
  const parts = text.split('&', options.parameterLimit);
  // The first part starting `utf8=` is qs's charset sentinel: it is read, then left out.
  let skip = -1;
  let charset: string = options.charset;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (!part.startsWith('utf8=')) continue;
    if (part === UTF8_SENTINEL) charset = 'utf-8';
    else if (part === ISO_SENTINEL) charset = 'iso-8859-1';
    skip = i;
    break;
  }
  const entities = charset === 'iso-8859-1';
  // Null prototype, like qs's own containers: `hasOwnProperty` or `constructor` are plain keys.
  const fields: Record<string, string | string[]> = Object.create(null);
  for (let i = 0; i < parts.length; i++) {
    if (i === skip) continue;
    const part = parts[i] as string;
    const eq = part.indexOf('=');
    const key = options.decode(eq === -1 ? part : part.slice(0, eq));
    let value = eq === -1 ? '' : options.decode(part.slice(eq + 1));
    if (entities && value) value = value.replace(NUMERIC_ENTITY, numericEntity);
    const existing = fields[key];
    if (existing === undefined) {
      fields[key] = value;
    } else {
      const combined = typeof existing === 'string' ? [existing] : existing;
      combined.push(value);
      if (combined.length > options.arrayLimit) return undefined;
      fields[key] = combined;
    }
  }
  // qs drops empty keys and `__proto__`; the rest become own properties of a plain object, in the
  // same order (assignment is safe: with `__proto__` left out, no key reaches a setter).
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    if (key !== '' && key !== '__proto__') result[key] = fields[key];
  }
  return result;
}

/** `&#9786;` as qs reads it: code points past U+FFFF as a surrogate pair, others cut to 16 bits. */
function numericEntity(_: string, digits: string): string {
  const code = Number.parseInt(digits, 10);
  if (code > 0xffff && code <= 0x10ffff) {
    const offset = code - 0x10000;
    return String.fromCharCode(0xd800 | (offset >> 10), 0xdc00 | (offset & 0x3ff));
  }
  return String.fromCharCode(code);
}
