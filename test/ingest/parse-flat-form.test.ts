// The flat-form fast path must read every form exactly as qs does with the same options: over the
// sender fixtures' form bodies and over generated forms built from the characters that matter
// (`&`, `=`, `+`, `%`, brackets, `utf8=` sentinels, `&#…;` entities, prototype-named keys).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEncoded, parseWithQs } from '../../server/ingest/parse-form.ts';
import { parseFlatForm } from '../../server/ingest/parse-flat-form.ts';
import { encodeFixtureBody, loadSenderFixtures } from '../senders/sender-fixture.ts';

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('windows-1252');
const decodeUtf8 = (bytes: Uint8Array) => utf8.decode(bytes);
const decodeLatin1 = (bytes: Uint8Array) => latin1.decode(bytes);

function bothWays(text: string, escapes: 'utf-8' | 'windows-1252') {
  const decodeBytes = escapes === 'utf-8' ? decodeUtf8 : decodeLatin1;
  return { fast: parseEncoded(text, escapes, decodeBytes), viaQs: parseWithQs(text, escapes, decodeBytes) };
}

const formFixtures = loadSenderFixtures().filter(({ fixture }) =>
  String(fixture.request.headers?.['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'),
);

describe('flat form fast path', () => {
  it('reads every sender fixture form as qs does', () => {
    expect(formFixtures.length).toBeGreaterThan(0);
    for (const { fixture } of formFixtures) {
      const { fast, viaQs } = bothWays(encodeFixtureBody(fixture), 'utf-8');
      expect(fast).toEqual(viaQs);
    }
  });

  it('takes the fast path for flat forms and leaves bracketed ones to qs', () => {
    const options = { charset: 'utf-8', parameterLimit: 10_000, arrayLimit: 100, decode: (s: string) => s } as const;
    expect(parseFlatForm('email=a&name=b', options)).toEqual({ email: 'a', name: 'b' });
    expect(parseFlatForm('data[email]=a', options)).toBeUndefined();
    expect(parseFlatForm('data%5Bemail%5D=a', options)).toBeUndefined();
    expect(parseFlatForm('a=b%5d', options)).toBeUndefined();
  });

  it('keeps repeated keys, prototype names and a key repeated past the array limit as qs does', () => {
    const repeated = Array.from({ length: 105 }, (_, i) => `tag=${i}`).join('&');
    const cases = [
      'tag=a&tag=b&tag=c',
      'hasOwnProperty=1&constructor=2&__proto__=3&toString=4',
      '=empty&&a&b=&c==d',
      repeated,
      'utf8=%E2%9C%93&name=Zo%C3%AB',
      'utf8=%26%2310003%3B&name=%E9t%E9&msg=&#9786;&#128512;',
      'name=%zz%C3%A9%&x=%E9',
      '10=a&b=1&2=c&a+b=d+e',
    ];
    for (const text of cases) {
      for (const escapes of ['utf-8', 'windows-1252'] as const) {
        const { fast, viaQs } = bothWays(text, escapes);
        expect(fast, `${text} (${escapes})`).toEqual(viaQs);
        expect(Object.keys(fast), `${text} (${escapes})`).toEqual(Object.keys(viaQs));
      }
    }
  });

  it('agrees with qs on generated forms', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '&',
        '=',
        '+',
        '%',
        '%2',
        '%41',
        '%C3%A9',
        '%E9',
        '%zz',
        '[',
        ']',
        '%5B',
        '%5d',
        'utf8=',
        'utf8=%E2%9C%93',
      ),
      fc.constantFrom('&#9786;', '&#128512;', '__proto__', 'hasOwnProperty', 'constructor', '0', '12', 'a', 'tag', '.'),
      fc.string({ maxLength: 4 }),
    );
    const form = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(form, fc.constantFrom('utf-8', 'windows-1252'), (text, escapes) => {
        const { fast, viaQs } = bothWays(text, escapes as 'utf-8' | 'windows-1252');
        expect(fast).toEqual(viaQs);
        expect(Object.keys(fast)).toEqual(Object.keys(viaQs));
      }),
      { numRuns: 3000 },
    );
  });
});
