// The widget's side of languages and targeting: templates with `||` fallbacks rendered from a public
// conversion, Intl numbers, money and windows, which page language is asked for, devices and product match.
import { describe, expect, test } from 'vitest';
import type { PublicConversion, WidgetText } from '../../shared/protocol.ts';
import { LOCALES } from '../../server/i18n/locales.ts';
import { buildWidgetText } from '../../server/i18n/widget-text.ts';
import { conversionValues, countValues, fill, formatWindow, intlLocale } from '../../widget/src/locale.ts';
import { deviceAllowed, productAllowed } from '../../widget/src/targeting.ts';

const conversion = (fields: Partial<PublicConversion> = {}): PublicConversion => ({
  id: 1,
  notificationId: 1,
  firstName: 'Maria',
  lastInitial: 'G',
  city: 'Austin',
  countryCode: 'US',
  productName: 'Sneakers',
  moreProducts: 0,
  timestamp: 0,
  title: '',
  message: '',
  ...fields,
});

const plain = (text: string) => text.replace(/\s/g, ' ');

const textFor = (code: keyof typeof LOCALES, message: string = LOCALES[code].stream): WidgetText =>
  buildWidgetText({ kind: 'stream', messageTemplate: message, display: {} }, code, undefined);

describe('rendering the server words in the widget', () => {
  test('German title and message, "and N more" in words of the language', () => {
    const text = textFor('de');
    const values = conversionValues(conversion({ moreProducts: 2 }), text, 'de');
    expect(fill(text.title, values)).toBe('Maria G. aus Austin, US');
    expect(fill(text.message, values)).toBe('hat Sneakers und 2 weitere gekauft');
  });

  test('the fallbacks of the English title, as the server renders it', () => {
    const text = textFor('en');
    expect(fill(text.title, conversionValues(conversion({ firstName: undefined }), text, 'en'))).toBe(
      'Someone from Austin, US',
    );
    expect(
      fill(text.title, conversionValues(conversion({ city: undefined, countryCode: undefined }), text, 'en')),
    ).toBe('Maria G.');
  });

  test('money and counts by Intl in the page locale', () => {
    const text = textFor('de', 'hat {{total}} ausgegeben');
    const values = conversionValues(conversion({ total: 1234.5, currency: 'EUR' }), text, 'de-DE');
    // Intl puts no-break spaces between number and unit; which one depends on the ICU version.
    expect(plain(fill(text.message, values))).toBe('hat 1.234,50 € ausgegeben');
    expect(countValues(12345, 24 * 3_600_000, 'de').count).toBe('12.345');
  });

  test.each([
    [24 * 3_600_000, 'en', '24 hours'],
    [24 * 3_600_000, 'de', '24 Stunden'],
    [7 * 86_400_000, 'fr', '7 jours'],
    [3_600_000, 'en', 'hour'],
  ])('a %i ms window in %s reads "%s"', (ms, locale, words) => {
    expect(plain(formatWindow(ms, locale))).toBe(words);
  });

  test("Intl uses the page's own region when it is the words' language", () => {
    expect(intlLocale(textFor('de'), 'de-AT', 'en')).toBe('de-AT');
    expect(intlLocale(textFor('de'), 'zh-CN', 'en')).toBe('de');
  });

  test("an owner's own message is kept in every language; a per-language override wins", () => {
    const own = { kind: 'stream' as const, messageTemplate: 'grabbed {{product}}', display: {} };
    expect(buildWidgetText(own, 'fr', undefined).message).toBe('grabbed {{product}}');
    const overridden = { ...own, display: { templates: { fr: { message: 'a pris {{product}}' } } } };
    expect(buildWidgetText(overridden, 'fr-CA', undefined).message).toBe('a pris {{product}}');
    expect(buildWidgetText(overridden, 'de', undefined).message).toBe('grabbed {{product}}');
  });
});

describe('targeting', () => {
  test('devices', () => {
    expect(deviceAllowed({ device: 'desktop' }, () => true)).toBe(false);
    expect(deviceAllowed({ device: 'desktop' }, () => false)).toBe(true);
    expect(deviceAllowed({ device: 'mobile' }, () => true)).toBe(true);
    expect(deviceAllowed({}, () => true)).toBe(true);
  });

  test('product match compares paths: query, hash and a trailing slash aside; no link never matches', () => {
    const page = 'https://shop.example/products/sneakers?color=red#reviews';
    const rules = { productMatch: true };
    expect(productAllowed(rules, conversion({ productLink: 'https://shop.example/products/sneakers/' }), page)).toBe(
      true,
    );
    expect(productAllowed(rules, conversion({ productLink: '/products/sneakers' }), page)).toBe(true);
    expect(productAllowed(rules, conversion({ productLink: 'https://shop.example/products/boots' }), page)).toBe(false);
    expect(productAllowed(rules, conversion({ productLink: undefined }), page)).toBe(false);
    expect(productAllowed({ productMatch: false }, conversion({ productLink: undefined }), page)).toBe(true);
  });
});
