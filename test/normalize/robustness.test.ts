// Hostile and odd input: fewer fields rather than an error, bounded work, no prototype pollution,
// capped output; a bug of ours throws to the caller instead of passing for an empty conversion.
import { describe, expect, test } from 'vitest';
import { MAX_ARRAY_ITEMS, MAX_DEPTH, MAX_NODES, walkPayload } from '../../server/normalize/walk-payload.ts';
import { normalize, RECEIVED_AT, conversionFormat } from './payload-builders.ts';

const EMPTY = { nameDerived: false, products: [], moreProducts: 0, timestamp: RECEIVED_AT };

function nestObjects(depth: number, inner: unknown): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

function nestArrays(depth: number, inner: unknown): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('normalize on odd input', () => {
  test.each([
    ['undefined (an empty body)', undefined],
    ['null', null],
    ['zero', 0],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['true', true],
    ['an empty string', ''],
    ['a string without data', 'hello'],
    ['an empty object', {}],
    ['an empty array', []],
    ['an array of nulls', [null, null]],
    ['a symbol', Symbol('x')],
    ['a function', () => 1],
    ['a bigint', 10n],
    ['a Buffer', Buffer.from('a@b.com')],
    ['a Map', new Map([['email', 'a@b.com']])],
    ['a Date', new Date()],
    [
      'a class instance',
      new (class Thing {
        email = 'a@b.com';
      })(),
    ],
    ['broken JSON text', '{"name": "Ann"'],
    ['JSON null text', 'null'],
  ])('normalize returns an empty conversion for %s', (_, payload) => {
    expect(normalize(payload).conversion).toEqual(EMPTY);
  });

  test('normalize searches broken JSON text as plain text', () => {
    expect(normalize('{"email": "a@b.com"').conversion.email).toBe('a@b.com');
  });

  test('a step that throws reaches the caller, which keeps the delivery for replay', () => {
    // No JSON, form or multipart body has getters: one that throws stands in for a bug of ours, and
    // must not be turned into an empty conversion (test/ingest/normalizing-failure.test.ts shows
    // what the webhook route does with it).
    const payload = { email: 'a@b.com' };
    Object.defineProperty(payload, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(() => normalize(payload)).toThrow('boom');
  });

  test.each([
    [
      'a wrong type for every conversion-format field',
      Object.fromEntries(Object.keys(conversionFormat()).map((key) => [key, { nested: [1, 2] }])),
    ],
    [
      'booleans for every conversion-format field',
      Object.fromEntries(Object.keys(conversionFormat()).map((key) => [key, false])),
    ],
    [
      'nulls for every conversion-format field',
      Object.fromEntries(Object.keys(conversionFormat()).map((key) => [key, null])),
    ],
  ])('normalize finds nothing in %s', (_, payload) => {
    expect(normalize(payload)).toEqual({ conversion: EMPTY, sources: {} });
  });

  test('numbers for every conversion-format field: only the total and the guid, where a number fits', () => {
    const payload = Object.fromEntries(Object.keys(conversionFormat()).map((key) => [key, 12345]));
    expect(normalize(payload)).toEqual({
      conversion: { ...EMPTY, total: 12345, guid: '12345' },
      sources: { total: 'total', guid: 'guid' },
    });
  });

  test('product lines of every type: only the bare text "Hat" names a product', () => {
    const payload = { products: [null, 1, 'Hat', [], {}, { price: {} }, { name: {} }, { quantity: 'many' }] };
    expect(normalize(payload)).toEqual({
      conversion: { ...EMPTY, products: [{ name: 'Hat' }], productName: 'Hat' },
      sources: { productName: 'products[2]', products: 'products', moreProducts: 'products' },
    });
  });
});

describe('normalize does bounded work', () => {
  test.each([
    ['10,000 nested objects', nestObjects(10_000, { email: 'deep@x.com' })],
    ['10,000 nested arrays', nestArrays(10_000, 'deep@x.com')],
    ['50,000 nested brackets in a JSON text', `${'['.repeat(50_000)}${']'.repeat(50_000)}`],
  ])('normalize stops at the depth cap for %s', (_, payload) => {
    expect(normalize(payload).conversion.email).toBeUndefined();
  });

  test('normalize still finds an email just inside the depth cap', () => {
    expect(normalize(nestObjects(MAX_DEPTH - 1, { email: 'deep@x.com' })).conversion.email).toBe('deep@x.com');
  });

  test('normalize handles a 100,000-element array', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ name: `P${i}`, price: i % 7, email: `u${i}@x.com` }));
    const { conversion } = normalize({ items });
    expect(conversion.moreProducts).toBe(99_999);
    expect(conversion.email).toBe('u0@x.com');
  });

  test('walkPayload visits at most MAX_NODES nodes and MAX_ARRAY_ITEMS items per array', () => {
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 'v']));
    const walk = walkPayload(wide);
    expect(walk.leaves.length + walk.containers.length).toBeLessThanOrEqual(MAX_NODES);
    const long = walkPayload({ list: Array.from({ length: 5_000 }, () => 1) });
    expect(long.leaves).toHaveLength(MAX_ARRAY_ITEMS);
  });

  test('normalize handles a huge string and a string of at signs', () => {
    const { conversion } = normalize({
      note: `${'a'.repeat(1_000_000)}@${'b'.repeat(1_000_000)}.com`,
      other: '@'.repeat(100_000),
    });
    expect(conversion.email).toBeUndefined();
  });

  test('normalize parses JSON in strings at most three levels deep (the body counts)', () => {
    const level4 = JSON.stringify({
      a: JSON.stringify({ b: JSON.stringify({ c: JSON.stringify({ email: 'x@y.com' }) }) }),
    });
    const { sources } = normalize(level4);
    // Level 4 is left as text: the email is still found in it, but as a string value.
    expect(sources.email).toBe('a>b>c');
  });

  test('normalize skips JSON strings over the size cap', () => {
    const big = JSON.stringify({ email: 'big@x.com', pad: 'x'.repeat(200_000) });
    expect(normalize({ payload: big }).sources.email).toBe('payload');
  });

  test('normalize handles 10,000 flat bracket keys', () => {
    const form = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`products[${i}][price]`, String(i)]));
    const { conversion } = normalize(form);
    expect(conversion.moreProducts).toBe(9_999);
  });

  test('normalize finishes 10,000 runs over a 600-byte conversion-format payload', () => {
    const payload = conversionFormat({
      products: [{ name: 'T-Shirt', link: 'https://mystore.com/t-shirt', price: 55, quantity: 2 }],
    });
    expect(JSON.stringify(payload).length).toBeGreaterThan(450);
    let last: unknown;
    for (let i = 0; i < 10_000; i++) last = normalize(payload).conversion.email;
    expect(last).toBe('test@gmail.com');
  });
});

describe('normalize is safe against prototype pollution', () => {
  const hostile = [
    [
      'a JSON __proto__ key',
      () => JSON.parse('{"__proto__": {"polluted": "yes", "email": "p@x.com"}, "email": "ok@x.com"}'),
    ],
    [
      'a constructor.prototype chain',
      () => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}, "email": "ok@x.com"}'),
    ],
    [
      'bracket keys through __proto__',
      () => ({ 'a[__proto__][polluted]': 'yes', 'b[constructor][prototype][polluted]': 'yes', email: 'ok@x.com' }),
    ],
    [
      'a __proto__ product line',
      () => JSON.parse('{"products": [{"__proto__": {"polluted": "yes"}, "name": "Hat"}], "email": "ok@x.com"}'),
    ],
    ['JSON-in-string __proto__', () => ({ data: '{"__proto__": {"polluted": "yes"}}', email: 'ok@x.com' })],
    ['a key named hasOwnProperty', () => ({ hasOwnProperty: 'x', email: 'ok@x.com' })],
  ] as const;

  test.each(hostile)('normalize ignores %s and leaves Object.prototype untouched', (_, build) => {
    const { conversion, sources } = normalize(build());
    expect(conversion.email).toBe('ok@x.com');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getPrototypeOf(conversion)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(sources)).toBe(Object.prototype);
    for (const line of conversion.products) expect(Object.getPrototypeOf(line)).toBe(Object.prototype);
  });
});

describe('normalize caps every output string', () => {
  test('normalize bounds text fields sent at 10,000 characters', () => {
    const long = 'x'.repeat(10_000);
    const { conversion } = normalize(
      conversionFormat({
        guid: long,
        productName: long,
        city: long,
        event: long,
        status: long,
        productLink: `https://x.co/${long}`,
        firstName: 'a'.repeat(10_000),
      }),
    );
    expect(conversion.guid).toHaveLength(256);
    expect(conversion.productName).toHaveLength(256);
    expect(conversion.event?.length).toBeLessThanOrEqual(128);
    expect(conversion.productLink).toBeUndefined();
    // A first name that is no name is refused outright: none is made up from the email instead.
    expect(conversion.firstName).toBeUndefined();
    expect(conversion.nameDerived).toBe(false);
    expect(conversion.city).toBeUndefined();
  });
});
