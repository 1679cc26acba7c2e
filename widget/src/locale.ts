// Which language the page asks for, and the words the server sent for it rendered with Intl:
// templates (same `||` rules as the server's), numbers, money and the counter's window.
import type { PublicConversion, WidgetText } from '../../shared/protocol.ts';

/** `data-lang` on the script tag, else `<html lang>`; undefined lets the server pick the site's default. */
export function requestedLang(dataLang: string, doc: Document): string | undefined {
  return dataLang || doc.documentElement.lang || undefined;
}

/** The page's own tag when it is the same language as the words ("de-AT" for German words), else the words'. */
export function intlLocale(text: WidgetText | undefined, requested: string | undefined, fallback: string): string {
  if (!text) return fallback;
  const page = (requested ?? '').replace(/_/g, '-');
  return page.split('-')[0]?.toLowerCase() === text.locale ? page : text.locale;
}

type Values = Record<string, string | undefined>;

/** The first `||` alternative whose variables all have a value (message-template.ts on the server). */
export function fill(template: string, values: Values): string {
  for (const alternative of template.split('||')) {
    let missing = false;
    const line = alternative.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_whole, name: string) => {
      const value = values[name];
      if (!value) missing = true;
      return value ?? '';
    });
    if (!missing) return line.replace(/\s+/g, ' ').trim();
  }
  return '';
}

function number(locale: string, value: number, options?: Intl.NumberFormatOptions): string {
  try {
    return new Intl.NumberFormat(locale, options).format(value);
  } catch {
    return String(value);
  }
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "24 hours", "24 Stunden"; one unit reads without its number ("in the last hour"). */
export function formatWindow(windowMs: number, locale: string): string {
  const [unit, size] =
    windowMs % DAY_MS === 0 && windowMs >= 2 * DAY_MS
      ? ['day', DAY_MS]
      : windowMs % HOUR_MS === 0
        ? ['hour', HOUR_MS]
        : ['minute', 60_000];
  const count = Math.max(1, Math.round(windowMs / (size as number)));
  try {
    const parts = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).formatToParts(count);
    return parts
      .filter((part) => count > 1 || part.type === 'unit')
      .map((part) => part.value)
      .join('')
      .trim();
  } catch {
    return `${count} ${unit}s`;
  }
}

/** The template values of a public conversion, as the server computes them, in the page's language. */
export function conversionValues(c: PublicConversion, text: WidgetText, locale: string): Values {
  const name = c.firstName && (c.lastInitial ? `${c.firstName} ${c.lastInitial}.` : c.firstName);
  const region = c.countryCode ?? c.country;
  const place = c.city ?? c.state;
  const more = c.moreProducts > 0 ? number(locale, c.moreProducts) : undefined;
  // In a right-to-left line a Latin name keeps its own order ("Maria G." not ".Maria G"): first-strong isolates.
  const isolate = (value: string | undefined) => (value && text.dir === 'rtl' ? `\u2068${value}\u2069` : value);
  let total: string | undefined;
  if (typeof c.total === 'number') {
    total = number(locale, c.total, c.currency ? { style: 'currency', currency: c.currency } : {});
  }
  return {
    ...(c as unknown as Values),
    name: isolate(name),
    location: isolate(place ? (region ? `${place}, ${region}` : place) : region),
    product: isolate(
      c.productName && (more ? fill(text.more, { productName: c.productName, moreProducts: more }) : c.productName),
    ),
    moreProducts: more,
    total,
  };
}

/** A counter's or the live visitors' line: the count and window in the page's language. */
export function countValues(count: number, windowMs: number | undefined, locale: string): Values {
  return { count: number(locale, count), window: windowMs ? formatWindow(windowMs, locale) : undefined };
}
