// Property tests: for any generated body the normalizer returns a well-formed, bounded, JSON-safe conversion.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { NormalizeResult } from '../../server/normalize/types.ts';
import { fakeGeo, normalize, RECEIVED_AT } from './payload-builders.ts';

const MAX_URL = 2048;
const MAX_TEXT = 256;
const URL_FIELDS = new Set(['productLink', 'productImage', 'link', 'image']);

/** Keys senders really use, so generated bodies reach the finders rather than only the walk. */
const KEY = fc.constantFrom(
  'email',
  'customer',
  'billing',
  'name',
  'first_name',
  'LNAME',
  'city',
  'country',
  'state',
  'ip',
  'total',
  'currency',
  'amount_in_cents',
  'products',
  'line_items',
  'price',
  'quantity',
  'link',
  'image',
  'status',
  'payload',
  'data',
  'object',
  'event',
  'id',
  'timestamp',
  'created',
  'guid',
  '__proto__',
  'constructor',
  'data[merges][EMAIL]',
  'products[0][price]',
  'label',
  'value',
);
const LEAF = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'a@b.co',
    'John <j@x.com>',
    'US',
    'paid',
    'pending',
    '$1,299.00',
    'javascript:alert(1)',
    'https://x.co/a',
    'evt_1',
    '{"email":"j@x.com"}',
    '8.8.8.8',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const { body } = fc.letrec((tie) => ({
  body: fc.oneof({ depthSize: 'small' }, LEAF, tie('array'), tie('object')),
  array: fc.array(tie('body'), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(KEY, fc.string()), tie('body'), { maxKeys: 6 }),
}));

function checkResult({ conversion, sources }: NormalizeResult): void {
  expect(Number.isFinite(conversion.timestamp)).toBe(true);
  expect(Array.isArray(conversion.products)).toBe(true);
  expect(conversion.moreProducts).toBeGreaterThanOrEqual(0);
  const check = (record: object): void => {
    for (const [key, value] of Object.entries(record)) {
      if (typeof value === 'string') {
        expect(value.length).toBeLessThanOrEqual(URL_FIELDS.has(key) ? MAX_URL : MAX_TEXT);
        if (URL_FIELDS.has(key)) expect(value).toMatch(/^https?:\/\//i);
      }
      if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    }
  };
  check(conversion);
  for (const line of conversion.products) check(line);
  for (const path of Object.values(sources)) expect(typeof path).toBe('string');
  expect(JSON.parse(JSON.stringify({ conversion, sources }))).toEqual({ conversion, sources });
  expect(Object.prototype).not.toHaveProperty('polluted');
}

describe('normalize holds its contract for generated bodies', () => {
  test('normalize returns a bounded, JSON-safe conversion for generated sender-like bodies', () => {
    fc.assert(
      fc.property(body, (payload) => checkResult(normalize(payload, fakeGeo()))),
      { numRuns: 1_000 },
    );
  });

  test('normalize returns a bounded, JSON-safe conversion for arbitrary JSON values and text', () => {
    const anyBody = fc.oneof(fc.jsonValue(), fc.string(), fc.json(), fc.constant(undefined));
    fc.assert(
      fc.property(anyBody, (payload) => checkResult(normalize(payload))),
      { numRuns: 1_000 },
    );
  });

  test('normalize returns a bounded conversion for flat form bodies with bracket keys', () => {
    const segment = fc.oneof(KEY, fc.nat({ max: 3 }).map(String), fc.constant(''), fc.string({ maxLength: 4 }));
    const formKey = fc
      .tuple(KEY, fc.array(segment, { maxLength: 4 }))
      .map(([head, rest]) => head + rest.map((s) => `[${s}]`).join(''));
    const form = fc.dictionary(
      formKey,
      fc.oneof(
        fc.string(),
        LEAF.filter((v) => typeof v === 'string'),
      ),
      { maxKeys: 12 },
    );
    fc.assert(
      fc.property(form, (payload) => checkResult(normalize(payload))),
      { numRuns: 1_000 },
    );
  });

  test('normalize falls back to the receive time for generated bodies without a plausible time', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string(), { maxKeys: 5 }), (payload) => {
        const { conversion } = normalize(payload);
        expect(conversion.timestamp).toBeLessThanOrEqual(RECEIVED_AT + 86_400_000);
      }),
      { numRuns: 300 },
    );
  });
});
