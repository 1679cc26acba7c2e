// The widget's side of product counters: a count shows only on the page it was counted for, so after
// a single-page app moves to another page it hides instead of claiming that page's product sold; the
// product wording comes from the server in the page's language.
import { describe, expect, test } from 'vitest';
import type { PublicCounter } from '../../shared/protocol.ts';
import { LOCALE_CODES, LOCALES } from '../../server/i18n/locales.ts';
import { buildWidgetText } from '../../server/i18n/widget-text.ts';
import { countValues, fill } from '../../widget/src/locale.ts';
import { counterAllowed } from '../../widget/src/targeting.ts';

const counter = (path?: string): PublicCounter => ({
  notificationId: 1,
  count: 3,
  windowMs: 86_400_000,
  message: '3 people bought this in the last 24 hours',
  ...(path && { path }),
});

describe('product counters in the widget', () => {
  test('a product count shows only on the page path it was counted for', () => {
    const rules = { productMatch: true };
    expect(counterAllowed(rules, counter('/products/sneakers'), '/products/sneakers/?color=red')).toBe(true);
    expect(counterAllowed(rules, counter('/products/sneakers'), '/products/boots')).toBe(false);
    expect(counterAllowed(rules, counter(), '/products/sneakers')).toBe(false);
    expect(counterAllowed({ productMatch: false }, counter(), '/')).toBe(true);
  });

  test('every language has the product wording, and a counter without product match keeps its own', () => {
    const productText = (code: (typeof LOCALE_CODES)[number]) =>
      buildWidgetText(
        { kind: 'conversion', messageTemplate: LOCALES.en.conversion, display: { productMatch: true } },
        code,
        undefined,
      );
    expect(fill(productText('en').message, countValues(3, 86_400_000, 'en'))).toBe(
      '3 people bought this in the last 24 hours',
    );
    expect(fill(productText('de').message, countValues(3, 86_400_000, 'de'))).toBe(
      '3 Personen haben das in den letzten 24 Stunden gekauft',
    );
    for (const code of LOCALE_CODES) expect(productText(code).message).toBe(LOCALES[code].productCounter);
    const siteWide = buildWidgetText(
      { kind: 'conversion', messageTemplate: LOCALES.en.conversion, display: {} },
      'en',
      undefined,
    );
    expect(siteWide.message).toBe('{{count}} people signed up in the last {{window}}');
  });
});
