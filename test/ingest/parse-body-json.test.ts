// Body parsing, JSON: declared JSON, BOMs, prototype keys, deep nesting, large bodies and parse errors.
import { describe, expect, test, vi } from 'vitest';
import { parse, parseError, record, nestingDepth, checkNoPollutionAfterEach } from './parse-body-helpers.ts';

checkNoPollutionAfterEach();

describe('parseBody: JSON', () => {
  test('an application/json object is JSON, not sniffed, decoded as utf-8', async () => {
    expect(await parse('{"email":"ada@example.com","amount":42}', 'application/json')).toEqual({
      format: 'json',
      value: { email: 'ada@example.com', amount: 42 },
      files: [],
      sniffed: false,
      charset: 'utf-8',
      warnings: [],
    });
  });

  test.each([
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/vnd.api+json',
    'application/cloudevents+json; charset=UTF-8',
    'text/json',
  ])('%s is JSON', async (contentType) => {
    const body = await parse('[1,{"a":"b"}]', contentType);
    expect(body.format).toBe('json');
    expect(body.sniffed).toBe(false);
    expect(body.value).toEqual([1, { a: 'b' }]);
  });

  test('a declared JSON primitive is JSON', async () => {
    expect((await parse(' 42 ', 'application/json')).value).toBe(42);
    expect((await parse('"ok"', 'application/json')).value).toBe('ok');
  });

  test('a UTF-8 BOM is stripped before JSON.parse', async () => {
    const body = await parse(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"é"}')]),
      'application/json',
    );
    expect(body.value).toEqual({ a: 'é' });
  });

  test('__proto__ stays an own data property and pollutes nothing', async () => {
    const body = await parse(
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      'application/json',
    );
    const value = record(body.value);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    ['arrays', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
  ])('10,000 nested %s parse without crashing', async (_, text) => {
    const body = await parse(text, 'application/json');
    expect(nestingDepth(body.value)).toBe(10_000);
  });

  test('a RangeError from JSON.parse (deep nesting on another engine) is a BodyParseError', async () => {
    vi.spyOn(JSON, 'parse').mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    const error = await parseError('[[[]]]', 'application/json');
    expect(error.message).toBe('invalid JSON: nested too deeply to parse');
  });

  test('a 100,000-element array parses', async () => {
    const text = JSON.stringify(Array.from({ length: 100_000 }, (_, i) => i));
    expect((await parse(text, 'application/json')).value).toHaveLength(100_000);
  });

  test('a 1 MiB JSON body parses', async () => {
    const text = JSON.stringify({ note: 'x'.repeat(1024 * 1024 - 20) });
    expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024 - 10);
    expect(record((await parse(text, 'application/json')).value).note).toHaveLength(1024 * 1024 - 20);
  });

  test('invalid JSON reports the position when V8 gives one', async () => {
    expect((await parseError('{"a":1', 'application/json')).message).toBe(
      "invalid JSON at position 6: Expected ',' or '}' after property value",
    );
    expect((await parseError('{"a":1} trailing', 'application/json')).message).toBe(
      'invalid JSON at position 8: Unexpected non-whitespace character after JSON',
    );
  });

  test('invalid JSON says why without echoing the body back', async () => {
    const message = (await parseError('{"secret": s3cr3t}', 'application/json')).message;
    expect(message).toMatch(/^invalid JSON: Unexpected token/);
    expect(message).not.toContain('s3cr3t');
  });

  test('declared JSON that is plain text is an invalid JSON error, not text', async () => {
    expect((await parseError('thanks for your order', 'application/json')).message).toMatch(/^invalid JSON/);
  });

  test('a bare JWT labelled JSON is text for the sender profiles to decode, not a broken body', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJkYXRhIjoie1wiZXZlbnRUeXBlXCI6XCJPcmRlclBhaWRcIn0ifQ.c2lnbmF0dXJlLWJ5dGVz';
    const parsed = await parse(`${jwt}\n`, 'application/json');
    expect(parsed).toMatchObject({ format: 'text', sniffed: true });
    expect(String(parsed.value).trim()).toBe(jwt);
    // Three dotted words that are not base64url segments stay an error.
    expect((await parseError('hello.world.again', 'application/json')).message).toMatch(/^invalid JSON/);
  });
});
