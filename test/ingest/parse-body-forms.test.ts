// Body parsing, urlencoded forms: nesting, repeated keys, bounds, prototype keys and charsets; and URL queries, parsed the same way.
import { describe, expect, test } from 'vitest';
import { parseQueryString } from '../../server/ingest/parse-form.ts';
import { FORM, parse, record, checkNoPollutionAfterEach } from './parse-body-helpers.ts';

checkNoPollutionAfterEach();

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

describe('parseQueryString', () => {
  test('nests a URL query like a form, with UTF-8 escapes and no pollution', () => {
    const value = parseQueryString('email=ada%40example.com&name=Zo%C3%AB&contact[city]=Paris&__proto__[polluted]=1');
    expect(value).toEqual({ email: 'ada@example.com', name: 'Zoë', contact: { city: 'Paris' } });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});
