// Body parsing: JSON, forms, multipart and text, charsets, sniffing of mislabelled bodies, and bounds.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { BodyParseError, type ParsedBody, parseBody } from '../../server/ingest/parse-body.ts';
import { parseQueryString } from '../../server/ingest/parse-form.ts';

const FORM = 'application/x-www-form-urlencoded';

function parse(body: string | Buffer, contentType: string | undefined): Promise<ParsedBody> {
  return parseBody(typeof body === 'string' ? Buffer.from(body) : body, contentType);
}

async function parseError(body: string | Buffer, contentType: string | undefined): Promise<BodyParseError> {
  try {
    await parse(body, contentType);
  } catch (error) {
    expect(error).toBeInstanceOf(BodyParseError);
    return error as BodyParseError;
  }
  throw new Error('expected a BodyParseError');
}

function record(value: unknown): Record<string, unknown> {
  expect(typeof value).toBe('object');
  return value as Record<string, unknown>;
}

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  type?: string;
}

function multipart(boundary: string, parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    const type = part.type === undefined ? '' : `\r\nContent-Type: ${part.type}`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`),
    );
    chunks.push(Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Depth of `[[[…]]]` / `{"a":{"a":…}}` without recursion, so the test itself cannot overflow. */
function nestingDepth(value: unknown): number {
  let depth = 0;
  let current = value;
  while (typeof current === 'object' && current !== null) {
    depth++;
    current = Array.isArray(current) ? current[0] : (current as Record<string, unknown>).a;
  }
  return depth;
}

afterEach(() => {
  vi.restoreAllMocks();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

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

describe('parseBody: urlencoded forms', () => {
  test('flat keys, + as space and %-escapes', async () => {
    const body = await parse('email=ada%40example.com&name=Ada+Lovelace&empty=&flag', FORM);
    expect(body).toMatchObject({ format: 'form', sniffed: false, charset: 'utf-8', warnings: [] });
    expect(body.value).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace', empty: '', flag: '' });
  });

  test('bracket keys nest: Mailchimp data[merges][EMAIL], contact[email], products[0][price]', async () => {
    const text = [
      'type=subscribe',
      'data[merges][EMAIL]=ada%40example.com',
      'data%5Bmerges%5D%5BFNAME%5D=Ada',
      'contact[email]=c%40example.com',
      'products[0][price]=10.00',
      'products[1][price]=20.00',
      'tags[]=a',
      'tags[]=b',
    ].join('&');
    expect((await parse(text, FORM)).value).toEqual({
      type: 'subscribe',
      data: { merges: { EMAIL: 'ada@example.com', FNAME: 'Ada' } },
      contact: { email: 'c@example.com' },
      products: [{ price: '10.00' }, { price: '20.00' }],
      tags: ['a', 'b'],
    });
  });

  test('repeated flat keys become an array', async () => {
    expect((await parse('item=a&item=b&item=c', FORM)).value).toEqual({ item: ['a', 'b', 'c'] });
  });

  test('keys that cannot nest are kept: past depth 20, a key used as value and object, a huge index, dots', async () => {
    const deep = `a${'[b]'.repeat(25)}=deep`;
    const value = record((await parse(`${deep}&c[d]=1&c=2&i[5000]=x&meta.source=web`, FORM)).value);
    let node: unknown = value.a;
    for (let i = 0; i < 20; i++) node = record(node).b;
    expect(node).toEqual({ [`[b]${'[b]'.repeat(4)}`]: 'deep' });
    expect(value.c).toEqual([{ d: '1' }, '2']);
    expect(value.i).toEqual({ 5000: 'x' });
    expect(value['meta.source']).toBe('web');
  });

  test('prototype keys pollute nothing and the result is made of plain objects', async () => {
    const text =
      '__proto__[polluted]=1&constructor[prototype][polluted]=1&a[__proto__][polluted]=1&hasOwnProperty=x&b[toString]=y';
    const value = record((await parse(text, FORM)).value);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(value, '__proto__')).toBe(false);
    expect(value.constructor).toEqual({ prototype: { polluted: '1' } });
    expect(value.hasOwnProperty).toBe('x');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.b)).toBe(Object.prototype);
    // `a[__proto__][polluted]` leaves `a` an ordinary object, which still prints like one.
    expect(Object.getPrototypeOf(value.a)).toBe(Object.prototype);
    expect(`${value.a}`).toBe('[object Object]');
  });

  test('100,000 keys are truncated to the first 10,000 with a warning, without throwing', async () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `k${i}=v`).join('&');
    const body = await parse(text, FORM);
    expect(Object.keys(record(body.value))).toHaveLength(10_000);
    expect(record(body.value).k9999).toBe('v');
    expect(body.warnings).toEqual(['form truncated to its first 10000 parameters']);
  });

  test('a 1 MiB form body parses', async () => {
    const text = `note=${'x'.repeat(1024 * 1024 - 20)}&email=a%40b.c`;
    const value = record((await parse(text, FORM)).value);
    expect(value.note).toHaveLength(1024 * 1024 - 20);
    expect(value.email).toBe('a@b.c');
  });

  test('a trailing newline does not end up in the last value', async () => {
    expect((await parse('a=1&b=2\r\n', FORM)).value).toEqual({ a: '1', b: '2' });
  });

  test.each(['iso-8859-1', 'latin1', 'ISO-8859-1', '"windows-1252"', 'us-ascii'])(
    'charset=%s decodes escapes as windows-1252, as browsers do',
    async (charset) => {
      const body = await parse('name=Jos%E9&price=%8010', `${FORM}; charset=${charset}`);
      expect(body.value).toEqual({ name: 'José', price: '€10' });
      expect(body.charset).toBe('windows-1252');
    },
  );

  test('the utf8=✓ sentinel selects UTF-8 over a wrong charset label and is removed', async () => {
    const body = await parse('utf8=%E2%9C%93&name=Jos%C3%A9', `${FORM}; charset=iso-8859-1`);
    expect(body.value).toEqual({ name: 'José' });
    expect(body.charset).toBe('utf-8');
  });

  test('the latin1 sentinel selects windows-1252 and numeric entities are decoded', async () => {
    const body = await parse('utf8=%26%2310003%3B&name=Jos%E9&smile=%26%239786%3B', FORM);
    expect(body.value).toEqual({ name: 'José', smile: '☺' });
    expect(body.charset).toBe('windows-1252');
    expect(body.warnings).toEqual([]);
  });

  test('undeclared %-escapes that are not UTF-8 fall back to windows-1252', async () => {
    const body = await parse('name=Jos%E9', FORM);
    expect(body.value).toEqual({ name: 'José' });
    expect(body.charset).toBe('windows-1252');
    expect(body.warnings).toEqual(['%-escapes in a form without a charset are not UTF-8; decoded as windows-1252']);
  });

  test('a form declared utf-8 with latin1 escapes is decoded as windows-1252 with a warning, not rejected', async () => {
    const body = await parse('name=Jos%E9', `${FORM}; charset=utf-8`);
    expect(body.value).toEqual({ name: 'José' });
    expect(body.warnings).toEqual(['%-escapes in a form declared utf-8 are not UTF-8; decoded as windows-1252']);
  });

  test('raw (unescaped) windows-1252 bytes in an undeclared form are decoded as windows-1252', async () => {
    const body = await parse(Buffer.from('name=Jos\xe9&city=K\xf6ln', 'latin1'), FORM);
    expect(body.value).toEqual({ name: 'José', city: 'Köln' });
    expect(body.charset).toBe('windows-1252');
  });

  test('a stray % is kept as-is', async () => {
    expect((await parse('discount=50%&bad=%zz&ok=%C3%A9%', FORM)).value).toEqual({
      discount: '50%',
      bad: '%zz',
      ok: 'é%',
    });
  });
});

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

describe('parseBody: charsets', () => {
  test.each([
    ['iso-8859-1', 'windows-1252'],
    ['latin1', 'windows-1252'],
    ['windows-1252', 'windows-1252'],
    ['cp1252', 'windows-1252'],
    ['us-ascii', 'windows-1252'],
  ])('text in charset=%s is decoded as %s (0x80 is €)', async (label, used) => {
    const body = await parse(Buffer.from([0x80, 0x20, 0xe9]), `text/plain; charset=${label}`);
    expect(body.value).toBe('€ é');
    expect(body.charset).toBe(used);
  });

  test('other iconv-lite charsets are honoured', async () => {
    const body = await parse(Buffer.from([0xa4, 0x35]), 'text/plain; charset=ISO-8859-15');
    expect(body).toMatchObject({ value: '€5', charset: 'iso-8859-15' });
  });

  test.each([
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":"é"}', 'utf16le')])],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"a":"é"}', 'utf16le').swap16()])],
  ])('a %s BOM is honoured and stripped', async (charset, bytes) => {
    expect(await parse(bytes, 'application/json')).toMatchObject({ format: 'json', value: { a: 'é' }, charset });
  });

  test('declared utf-16le without a BOM; form %-escapes in it are UTF-8, as browsers send them', async () => {
    expect(await parse(Buffer.from('hi=%C3%A9', 'utf16le'), 'text/plain; charset=utf-16le')).toMatchObject({
      format: 'form',
      value: { hi: 'é' },
      charset: 'utf-16le',
    });
  });

  test('JSON declared charset=utf-8 with invalid UTF-8 is rejected', async () => {
    const bytes = Buffer.from('{"name":"Jos\xe9"}', 'latin1');
    expect((await parseError(bytes, 'application/json; charset=utf-8')).message).toBe(
      'invalid UTF-8 in a body declared utf-8',
    );
  });

  test('JSON without a charset and invalid UTF-8 falls back to windows-1252 with a warning', async () => {
    const body = await parse(Buffer.from('{"name":"Jos\xe9"}', 'latin1'), 'application/json');
    expect(body).toMatchObject({ format: 'json', value: { name: 'José' }, charset: 'windows-1252' });
    expect(body.warnings).toEqual(['body without a charset is not valid UTF-8; decoded as windows-1252']);
  });

  test('text declared utf-8 with invalid UTF-8 falls back to windows-1252 with a warning', async () => {
    const body = await parse(Buffer.from('Caf\xe9', 'latin1'), 'text/plain; charset=utf-8');
    expect(body).toMatchObject({ value: 'Café', charset: 'windows-1252' });
    expect(body.warnings).toEqual(['body declared utf-8 is not valid UTF-8; decoded as windows-1252']);
  });

  test('an unknown charset falls back to utf-8 with a warning', async () => {
    const body = await parse('{"a":"é"}', 'application/json; charset=klingon');
    expect(body).toMatchObject({ format: 'json', value: { a: 'é' }, charset: 'utf-8' });
    expect(body.warnings).toEqual(['unknown charset "klingon"; decoded as utf-8']);
  });

  test('an unknown charset with bytes that are not UTF-8 falls back to windows-1252', async () => {
    const body = await parse(Buffer.from('Caf\xe9', 'latin1'), 'text/plain; charset=klingon');
    expect(body).toMatchObject({ value: 'Café', charset: 'windows-1252' });
    expect(body.warnings).toEqual(['body in unknown charset "klingon" is not valid UTF-8; decoded as windows-1252']);
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

describe('parseBody: lazy dependencies', () => {
  test('a JSON body loads neither busboy nor iconv-lite; multipart and latin1 bodies do', async () => {
    const loaded: string[] = [];
    vi.resetModules();
    vi.doMock('busboy', async (importOriginal) => {
      loaded.push('busboy');
      return importOriginal();
    });
    vi.doMock('iconv-lite', async (importOriginal) => {
      loaded.push('iconv-lite');
      return importOriginal();
    });
    try {
      const fresh = await import('../../server/ingest/parse-body.ts');
      await fresh.parseBody(Buffer.from('{"a":"é"}'), 'application/json');
      await fresh.parseBody(Buffer.from('a=%C3%A9'), FORM);
      expect(loaded).toEqual([]);
      await fresh.parseBody(multipart('b', [{ name: 'a', value: 'b' }]), 'multipart/form-data; boundary=b');
      await fresh.parseBody(Buffer.from([0xe9]), 'text/plain; charset=latin1');
      expect(loaded.sort()).toEqual(['busboy', 'iconv-lite']);
    } finally {
      vi.doUnmock('busboy');
      vi.doUnmock('iconv-lite');
      vi.resetModules();
    }
  });
});

describe('parseQueryString', () => {
  test('nests a URL query like a form, with UTF-8 escapes and no pollution', () => {
    const value = parseQueryString('email=ada%40example.com&name=Zo%C3%AB&contact[city]=Paris&__proto__[polluted]=1');
    expect(value).toEqual({ email: 'ada@example.com', name: 'Zoë', contact: { city: 'Paris' } });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});
