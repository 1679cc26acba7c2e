// The admin page's own checks and words: origins read as the server reads them, blank names answered
// in the server's sentence, one way to write a place.
import { describe, expect, test } from 'vitest';
import { placeText } from '../../admin/src/format.ts';
import { nameProblem, readOrigin, readOrigins } from '../../admin/src/input-checks.ts';

describe('readOrigin', () => {
  test.each([
    ['https://shop.example.com', 'https://shop.example.com'],
    ['  https://shop.example.com/checkout?x=1 ', 'https://shop.example.com'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['HTTPS://Shop.Example.com', 'https://shop.example.com'],
  ])('%j is the origin %s', (text, origin) => {
    expect(readOrigin(text)).toEqual({ origin });
  });

  test.each(['shop.example.com', 'ftp://files.example.com', 'javascript:alert(1)', 'https://'])(
    '%j is refused in a sentence',
    (text) => {
      expect(readOrigin(text)).toEqual({
        problem: `The origin "${text}" is not a web address: write it as https://shop.example.com.`,
      });
    },
  );

  test('a list stops at its first problem; blank input asks for an origin', () => {
    expect(readOrigins(['https://a.example', 'nope'])).toEqual({
      problem: 'The origin "nope" is not a web address: write it as https://shop.example.com.',
    });
    expect(readOrigins(['https://a.example/x'])).toEqual({ origins: ['https://a.example'] });
    expect(readOrigin('  ')).toEqual({ problem: 'Type an origin such as https://shop.example.com.' });
  });
});

test('a blank name gets the sentence the server would answer with', () => {
  expect(nameProblem('  ', 'site')).toBe('Give the site a name.');
  expect(nameProblem('', 'notification')).toBe('Give the notification a name.');
  expect(nameProblem('Shop', 'site')).toBeUndefined();
});

test.each([
  [{ city: 'Austin', stateCode: 'TX', state: 'Texas', countryCode: 'US', country: 'United States' }, 'Austin, TX, US'],
  [{ city: 'Austin', countryCode: 'US', country: 'United States' }, 'Austin, US'],
  [{ state: 'Texas', countryCode: 'US' }, 'Texas, US'],
  [{ countryCode: 'US', country: 'United States' }, 'United States'],
  [{ countryCode: 'US' }, 'US'],
  [{}, ''],
])('place %j reads %j', (place, text) => {
  expect(placeText(place)).toBe(text);
});
