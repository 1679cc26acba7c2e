// Body parsing, charsets: declared, unknown and wrong charsets, and their fallbacks.
import { describe, expect, test } from 'vitest';
import { parse, parseError, checkNoPollutionAfterEach } from './parse-body-helpers.ts';

checkNoPollutionAfterEach();

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
