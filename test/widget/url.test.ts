import { describe, expect, test } from 'vitest';
import { isPageAllowed, matchesPattern, toHttpUrl } from '../../widget/src/url.ts';

const PAGE = 'https://shop.example/products/shoes?color=red';

describe('toHttpUrl', () => {
  test.each([
    ['https://cdn.example/a.png', 'https://cdn.example/a.png'],
    ['http://cdn.example/a.png', 'http://cdn.example/a.png'],
    ['/products/sneakers', 'https://shop.example/products/sneakers'],
    ['javascript:alert(1)', undefined],
    ['  JavaScript:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['vbscript:msgbox(1)', undefined],
    ['', undefined],
    [42, undefined],
  ])('%j becomes %j', (value, expected) => {
    expect(toHttpUrl(value, PAGE)).toBe(expected);
  });
});

describe('page rules', () => {
  test.each([
    ['/checkout', '/checkout', true],
    ['/checkout', '/checkout?step=2', false],
    ['/checkout*', '/checkout?step=2', true],
    ['/blog/*', '/blog/hello', true],
    ['/blog/*', '/blog', false],
    ['*?utm_source=*', '/?utm_source=x', true],
    ['/a.b', '/aXb', false],
    ['/(x)+', '/(x)+', true],
  ])('pattern %j against %j is %s', (pattern, path, expected) => {
    expect(matchesPattern(pattern, path)).toBe(expected);
  });

  test('an empty include list allows every page, and exclude wins over include', () => {
    expect(isPageAllowed({ include: [], exclude: [] }, '/anything')).toBe(true);
    expect(isPageAllowed({ include: ['/shop*'], exclude: [] }, '/blog')).toBe(false);
    expect(isPageAllowed({ include: ['/shop*'], exclude: ['/shop/checkout*'] }, '/shop/checkout')).toBe(false);
    expect(isPageAllowed({ include: ['/shop*'], exclude: ['/shop/checkout*'] }, '/shop/shoes')).toBe(true);
  });
});
