// The payload walk: path notation, label/value rows, bracket-key nesting and key tokenizing.
import { describe, expect, test } from 'vitest';
import { matchKey, toKeyInfo } from '../../server/normalize/key-words.ts';
import { nestBracketKeys, splitBracketKey } from '../../server/normalize/nest-bracket-keys.ts';
import { childPath, walkPayload } from '../../server/normalize/walk-payload.ts';

describe('walkPayload paths', () => {
  test.each([
    ['a dotted object path', { data: { customer: { email: 'x' } } }, 'data.customer.email'],
    ['an array index', { line_items: [{ price: 'x' }] }, 'line_items[0].price'],
    ['a key with spaces', { 'First Name': 'x' }, '["First Name"]'],
    ['a digit key of an object', { products: { '3': 'x' } }, 'products["3"]'],
    ['JSON inside a string', { fields: { json: '{"customer":{"email":"x"}}' } }, 'fields.json>customer.email'],
    ['a JSON array inside a string', { rows: '[{"email":"x"}]' }, 'rows>[0].email'],
    ['nested flat bracket keys', { 'data[merges][EMAIL]': 'x' }, 'data.merges.EMAIL'],
    ['a root array', [{ email: 'x' }], '[0].email'],
  ])('walkPayload names %s', (_, payload, path) => {
    expect(walkPayload(payload).leaves.map((leaf) => leaf.path)).toContain(path);
  });

  test('walkPayload names a text body $', () => {
    expect(walkPayload('plain text').leaves.map((leaf) => leaf.path)).toEqual(['$']);
  });

  test('walkPayload reads a label/value row under its label and groups rows together', () => {
    const walk = walkPayload({
      fields: [
        { label: 'First name', value: 'Ann' },
        { label: 'Email', value: 'a@x.com' },
      ],
    });
    const rows = walk.leaves.filter((leaf) => leaf.path.endsWith('.value'));
    expect(rows.map((leaf) => leaf.key.norm)).toEqual(['firstname', 'email']);
    expect(new Set(rows.map((leaf) => leaf.group)).size).toBe(1);
  });

  test('childPath truncates very long keys', () => {
    expect(childPath('a', 'k'.repeat(500)).length).toBeLessThan(80);
  });
});

describe('nestBracketKeys', () => {
  test.each([
    ['data[merges][EMAIL]', ['data', 'merges', 'EMAIL']],
    ['products[0][price]', ['products', '0', 'price']],
    ['tags[]', ['tags', '']],
    ['plain', undefined],
    ['broken[key', undefined],
    ['[nohead]', undefined],
  ])('splitBracketKey(%s)', (key, expected) => {
    expect(splitBracketKey(key)).toEqual(expected);
  });

  test('nestBracketKeys nests, builds dense arrays and keeps plain keys', () => {
    const source = { 'a[b][c]': 1, 'list[0][x]': 'p', 'list[1][x]': 'q', 'tags[]': 't1', 'tags[] ': 'odd', plain: 2 };
    const nested = nestBracketKeys(source, Object.keys(source));
    expect(JSON.parse(JSON.stringify(nested))).toEqual({
      a: { b: { c: 1 } },
      list: [{ x: 'p' }, { x: 'q' }],
      tags: ['t1'],
      'tags[] ': 'odd',
      plain: 2,
    });
  });

  test('nestBracketKeys keeps the first value on conflicts and drops prototype segments', () => {
    const source = { a: 1, 'a[b]': 2, 'x[__proto__][y]': 3, 'constructor[prototype]': 4 };
    const nested = nestBracketKeys(source, Object.keys(source));
    expect(JSON.parse(JSON.stringify(nested))).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(nested)).toBeNull();
  });
});

describe('key words', () => {
  test.each([
    ['firstName', ['first', 'name']],
    ['FNAME', ['fname']],
    ['customer__email', ['customer', 'email']],
    ['URLPath', ['url', 'path']],
    ['address1', ['address', '1']],
    ['Prénom', ['prénom']],
  ])('toKeyInfo(%s) splits into words', (key, tokens) => {
    expect(toKeyInfo(key).tokens).toEqual(tokens);
  });

  test.each([
    ['billing_city', 'city'],
    ['billingcity', 'city'],
    ['BillingCity', 'city'],
    ['company_city', undefined],
    ['ethnicity', undefined],
  ])('matchKey(%s) with billing prefixes', (key, expected) => {
    expect(matchKey(toKeyInfo(key), new Set(['city']), new Set(['billing']))).toBe(expected);
  });
});
