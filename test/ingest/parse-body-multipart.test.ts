// Body parsing, multipart/form-data: nesting, files, charsets, bounds and broken or mislabelled bodies.
import { describe, expect, test } from 'vitest';
import { parse, parseError, record, multipart, checkNoPollutionAfterEach } from './parse-body-helpers.ts';

checkNoPollutionAfterEach();

describe('parseBody: multipart/form-data', () => {
  const boundary = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
  const contentType = `multipart/form-data; boundary=${boundary}`;

  test('fields nest like forms, repeated names become arrays, files are only named', async () => {
    const body = await parse(
      multipart(boundary, [
        { name: 'email', value: 'ada@example.com' },
        { name: 'contact[first_name]', value: 'Ada' },
        { name: 'products[0][price]', value: '10' },
        { name: 'tag', value: 'a' },
        { name: 'tag', value: 'b' },
        { name: 'attachment', value: '%PDF-1.4 secret', filename: 'cv.pdf', type: 'application/pdf' },
        { name: 'blob', value: Buffer.from([0, 1, 2]), type: 'application/octet-stream' },
      ]),
      contentType,
    );
    expect(body).toEqual({
      format: 'multipart',
      value: { email: 'ada@example.com', contact: { first_name: 'Ada' }, products: [{ price: '10' }], tag: ['a', 'b'] },
      files: ['attachment: cv.pdf', 'blob'],
      sniffed: false,
      charset: 'utf-8',
      warnings: [],
    });
  });

  test('a quoted boundary and UTF-8 filenames and values work', async () => {
    const quoted = 'a;b=c';
    const body = await parse(
      multipart(quoted, [
        { name: 'name', value: 'Zoë 日本' },
        { name: 'file', value: 'x', filename: 'résumé.pdf' },
      ]),
      `multipart/form-data; boundary="${quoted}"`,
    );
    expect(body.value).toEqual({ name: 'Zoë 日本' });
    expect(body.files).toEqual(['file: résumé.pdf']);
  });

  test('field bytes that are not UTF-8 are decoded as windows-1252 when no charset is declared', async () => {
    const body = await parse(
      multipart(boundary, [{ name: 'name', value: Buffer.from('Jos\xe9 \x80', 'latin1') }]),
      contentType,
    );
    expect(body.value).toEqual({ name: 'José €' });
    expect(body.charset).toBe('windows-1252');
    expect(body.warnings).toEqual(['multipart fields without a charset are not UTF-8; decoded as windows-1252']);
  });

  test('a declared latin1 charset decodes fields as windows-1252', async () => {
    const body = await parse(
      multipart(boundary, [{ name: 'price', value: Buffer.from([0x80, 0x31]) }]),
      `${contentType}; charset=latin1`,
    );
    expect(body.value).toEqual({ price: '€1' });
  });

  test('an unknown charset on multipart is ignored with a warning', async () => {
    const body = await parse(multipart(boundary, [{ name: 'a', value: 'é' }]), `${contentType}; charset=klingon`);
    expect(body).toMatchObject({
      value: { a: 'é' },
      charset: 'utf-8',
      warnings: ['unknown charset "klingon"; decoded as utf-8'],
    });
  });

  test('prototype names pollute nothing', async () => {
    const body = await parse(
      multipart(boundary, [
        { name: '__proto__[polluted]', value: '1' },
        { name: 'constructor[prototype][polluted]', value: '1' },
        { name: '__proto__', value: '1' },
      ]),
      contentType,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(body.value)).toBe(Object.prototype);
    expect(body.value).toEqual({ constructor: { prototype: { polluted: '1' } } });
  });

  test('more than 10,000 fields are truncated with a warning', async () => {
    const parts = Array.from({ length: 10_050 }, (_, i) => ({ name: `f${i}`, value: 'v' }));
    const body = await parse(multipart('b', parts), 'multipart/form-data; boundary=b');
    expect(Object.keys(record(body.value))).toHaveLength(10_000);
    expect(body.warnings).toEqual(['multipart truncated to its first 10000 fields']);
  });

  test('a multipart body that ends early is a BodyParseError', async () => {
    const cut = multipart(boundary, [{ name: 'a', value: 'b' }]).subarray(0, 60);
    expect((await parseError(cut, contentType)).message).toBe('invalid multipart body: Unexpected end of form');
  });

  test('a JSON body mislabelled as multipart is parsed as JSON, sniffed', async () => {
    expect(await parse('{"a":1}', contentType)).toMatchObject({ format: 'json', value: { a: 1 }, sniffed: true });
  });

  test('multipart without a boundary parameter cannot be split and is kept as text, sniffed', async () => {
    const bytes = multipart(boundary, [{ name: 'a', value: 'b' }]);
    const body = await parse(bytes, 'multipart/form-data');
    expect(body).toMatchObject({ format: 'text', value: bytes.toString(), sniffed: true });
    expect(body.warnings).toEqual(['multipart Content-Type without a boundary; body sniffed']);
  });
});
