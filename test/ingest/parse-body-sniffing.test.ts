// Body parsing of text, of empty bodies, and sniffing of a missing, wrong or contradicted Content-Type.
import { describe, expect, test } from 'vitest';
import { parseBody } from '../../server/ingest/parse-body.ts';
import { FORM, parse, multipart, checkNoPollutionAfterEach } from './parse-body-helpers.ts';

checkNoPollutionAfterEach();

describe('parseBody: text', () => {
  test.each(['text/plain', 'text/html; charset=utf-8', 'text/csv'])(
    '%s stays text, not sniffed',
    async (contentType) => {
      expect(await parse('Thanks for your order!\n', contentType)).toEqual({
        format: 'text',
        value: 'Thanks for your order!\n',
        files: [],
        sniffed: false,
        charset: 'utf-8',
        warnings: [],
      });
    },
  );

  test('text/plain that is JSON is parsed as JSON, sniffed', async () => {
    expect(await parse('{"email":"a@b.c"}', 'text/plain')).toMatchObject({
      format: 'json',
      value: { email: 'a@b.c' },
      sniffed: true,
    });
  });

  test('text/plain that is a form is parsed as a form, sniffed', async () => {
    expect(await parse('email=a%40b.c&data[name]=Ada', 'text/plain; charset=utf-8')).toMatchObject({
      format: 'form',
      value: { email: 'a@b.c', data: { name: 'Ada' } },
      sniffed: true,
    });
  });

  test.each(['{broken', '42', '"quoted"', 'true', 'a sentence with = in it', 'https://shop.example/?ref=mail'])(
    'text/plain %j stays text',
    async (text) => {
      expect(await parse(text, 'text/plain')).toMatchObject({ format: 'text', value: text, sniffed: false });
    },
  );
});

describe('parseBody: sniffing a missing, wrong or contradicted Content-Type', () => {
  test.each([undefined, '', 'application/octet-stream', 'json', 'application/xml', '*/*'])(
    'with Content-Type %j: JSON, forms and text are detected from the bytes',
    async (contentType) => {
      expect(await parse('\n {"a":[1]}', contentType)).toMatchObject({
        format: 'json',
        value: { a: [1] },
        sniffed: true,
      });
      expect(await parse('a=1&b[c]=2', contentType)).toMatchObject({
        format: 'form',
        value: { a: '1', b: { c: '2' } },
        sniffed: true,
      });
      expect(await parse('hello world', contentType)).toMatchObject({
        format: 'text',
        value: 'hello world',
        sniffed: true,
      });
    },
  );

  test('a --boundary multipart body without any Content-Type is text', async () => {
    const bytes = multipart('xyz', [{ name: 'a', value: 'b' }]);
    expect(await parse(bytes, undefined)).toMatchObject({ format: 'text', sniffed: true });
  });

  test('JSON-looking bytes that are not JSON are text when undeclared', async () => {
    expect(await parse('{not json}', undefined)).toMatchObject({ format: 'text', value: '{not json}', sniffed: true });
  });

  test('declared JSON that is a form is parsed as a form, sniffed', async () => {
    expect(await parse('email=a%40b.c&amount=5', 'application/json')).toMatchObject({
      format: 'form',
      value: { email: 'a@b.c', amount: '5' },
      sniffed: true,
    });
  });

  test('a declared form that is JSON is parsed as JSON, sniffed', async () => {
    expect(await parse('{"email":"a@b.c"}', FORM)).toMatchObject({
      format: 'json',
      value: { email: 'a@b.c' },
      sniffed: true,
    });
  });

  test('a declared form that is neither JSON nor form-shaped is still parsed as a form (qs cannot fail)', async () => {
    expect(await parse('name=Ada Lovelace&note={x', FORM)).toMatchObject({
      format: 'form',
      value: { name: 'Ada Lovelace', note: '{x' },
      sniffed: false,
    });
  });
});

describe('parseBody: empty bodies', () => {
  test.each([
    ['zero bytes', Buffer.alloc(0)],
    ['whitespace', Buffer.from(' \r\n\t ')],
    ['a BOM and whitespace', Buffer.from([0xef, 0xbb, 0xbf, 0x20, 0x0a])],
    ['a UTF-16 BOM and spaces', Buffer.from([0xff, 0xfe, 0x20, 0x00])],
  ])('%s is empty whatever the Content-Type', async (_, bytes) => {
    for (const contentType of [undefined, 'application/json', FORM, 'multipart/form-data; boundary=x', 'text/plain']) {
      const body = await parseBody(bytes, contentType);
      expect(body).toMatchObject({ format: 'empty', value: undefined, files: [], sniffed: false });
    }
  });
});
