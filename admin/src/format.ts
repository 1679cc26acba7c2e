// Display helpers: relative and absolute times, counts, bytes, money, rates.

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

export function timeAgo(ms: number, now: number): string {
  let value = (ms - now) / 1000;
  if (Math.abs(value) < 10) return 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return new Date(ms).toLocaleString();
}

export const fullTime = (ms: number) => new Date(ms).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'medium' });

export const count = (n: number) => new Intl.NumberFormat('en').format(n);

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function money(total: number | undefined, currency: string | undefined): string {
  if (total === undefined) return '';
  try {
    return currency ? new Intl.NumberFormat('en', { style: 'currency', currency }).format(total) : count(total);
  } catch {
    return `${total} ${currency ?? ''}`.trim();
  }
}

export const percent = (rate: number | null) =>
  rate === null ? '—' : new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(rate);

export interface Place {
  city?: string;
  state?: string;
  stateCode?: string;
  country?: string;
  countryCode?: string;
}

/**
 * One way to write a place everywhere in the admin: "Austin, TX, US" (city, region code, country
 * code), or the country's name alone when nothing closer is known ("United States").
 */
export function placeText(p: Place): string {
  const region = p.stateCode ?? p.state;
  if (p.city || region) return [p.city, region, p.countryCode ?? p.country].filter(Boolean).join(', ');
  return p.country ?? p.countryCode ?? '';
}

/** "May 3, 2026": a UTC day, as the widget stats count them. */
export const utcDate = (ms: number) => new Date(ms).toLocaleDateString('en', { dateStyle: 'medium', timeZone: 'UTC' });
