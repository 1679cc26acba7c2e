// The widget-safe view of a conversion: only what any visitor of the site may see.
// Never the email, the IP, the full last name or the raw payload (see SECURITY.md).
import type { PublicConversion, PublicCounter } from '../../shared/protocol.ts';
import { TITLE_TEMPLATE, type TemplateValues, renderTemplate } from '../notifications/message-template.ts';
import type { Conversion } from './conversion.types.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "Maria G." — a first name and one letter of the last name, as the popup shows it. */
function displayName(firstName: string | undefined, lastInitial: string | undefined): string | undefined {
  if (!firstName) return undefined;
  return lastInitial ? `${firstName} ${lastInitial}.` : firstName;
}

function displayLocation(c: Conversion): string | undefined {
  const region = c.countryCode ?? c.country;
  if (c.city) return region ? `${c.city}, ${region}` : c.city;
  if (c.state) return region ? `${c.state}, ${region}` : c.state;
  return c.country ?? c.countryCode;
}

// Building an Intl.NumberFormat costs ~30 µs, formatting with one ~1 µs, and every pushed
// conversion is formatted. Formatters are immutable, so one per currency is kept; the cache holds
// only codes Intl accepted (ISO 4217, a few hundred at most), so it cannot grow without bound.
const PLAIN_NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const currencyFormats = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string): Intl.NumberFormat {
  let format = currencyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en', { style: 'currency', currency }); // throws on a bad code
    currencyFormats.set(currency, format);
  }
  return format;
}

function formatMoney(total: number | undefined, currency: string | undefined): string | undefined {
  if (total === undefined) return undefined;
  try {
    return currency ? currencyFormat(currency).format(total) : PLAIN_NUMBER.format(total);
  } catch {
    return String(total);
  }
}

/** "24 hours", "7 days", "30 minutes": the counter's window in words. */
export function describeWindow(windowMs: number): string {
  const [unit, size] =
    windowMs % DAY_MS === 0 && windowMs >= 2 * DAY_MS
      ? ['day', DAY_MS]
      : windowMs % HOUR_MS === 0
        ? ['hour', HOUR_MS]
        : ['minute', MINUTE_MS];
  const count = Math.max(1, Math.round(windowMs / (size as number)));
  return count === 1 ? `${unit}` : `${count} ${unit}s`;
}

export function templateValues(c: Conversion): TemplateValues {
  const lastInitial = c.lastName ? Array.from(c.lastName.trim())[0]?.toUpperCase() : undefined;
  const product = c.productName
    ? c.moreProducts > 0
      ? `${c.productName} and ${c.moreProducts} more`
      : c.productName
    : undefined;
  return {
    name: displayName(c.firstName, lastInitial),
    firstName: c.firstName,
    lastInitial,
    city: c.city,
    state: c.state,
    country: c.country,
    countryCode: c.countryCode,
    location: displayLocation(c),
    product,
    productName: c.productName,
    moreProducts: c.moreProducts > 0 ? String(c.moreProducts) : undefined,
    total: formatMoney(c.total, c.currency),
    currency: c.currency,
  };
}

export function toPublicConversion(c: Conversion, messageTemplate: string): PublicConversion {
  const values = templateValues(c);
  return {
    id: c.id,
    notificationId: c.notificationId,
    firstName: c.firstName,
    lastInitial: values.lastInitial,
    city: c.city,
    state: c.state,
    country: c.country,
    countryCode: c.countryCode,
    productName: c.productName,
    productLink: c.productLink,
    productImage: c.productImage,
    moreProducts: c.moreProducts,
    timestamp: c.timestamp,
    title: renderTemplate(TITLE_TEMPLATE, values),
    message: renderTemplate(messageTemplate, values),
  };
}

export function toPublicCounter(
  notificationId: number,
  count: number,
  windowMs: number,
  minimumCount: number,
  messageTemplate: string,
): PublicCounter {
  const message =
    count >= minimumCount && count > 0
      ? renderTemplate(messageTemplate, { count: String(count), window: describeWindow(windowMs) })
      : '';
  return { notificationId, count, windowMs, message };
}
