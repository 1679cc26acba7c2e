// Text the widget writes itself: relative times in the page's language and the avatar initial.

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** The page's language: `<html lang>`, then the browser's, then English. */
export function pageLocale(doc: Document): string {
  return doc.documentElement.lang || (typeof navigator === 'undefined' ? '' : navigator.language) || 'en';
}

/** "3 minutes ago" / "vor 3 Minuten"; a timestamp in the future (clock skew) reads as "now". */
export function formatRelativeTime(timestamp: number, now: number, locale: string): string {
  const seconds = Math.max(0, Math.round((now - timestamp) / 1000)) || 0;
  const [unit, size] = UNITS.find(([, unitSeconds]) => seconds >= unitSeconds) ?? ['second', 1];
  const amount = Math.floor(seconds / size);
  // An invalid <html lang> (e.g. "en_US") makes the constructor throw a RangeError: fall back to English.
  for (const tag of [locale, 'en']) {
    try {
      return new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }).format(-amount, unit);
    } catch {
      // try the next tag
    }
  }
  // Browsers without Intl.RelativeTimeFormat (Safari < 14).
  return amount === 0 ? 'just now' : `${amount} ${unit}${amount === 1 ? '' : 's'} ago`;
}

/** The first character (not UTF-16 unit) of a first name, upper-cased; undefined when there is none. */
export function initialOf(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const first = Array.from(name.trim())[0];
  return first ? first.toLocaleUpperCase() : undefined;
}
