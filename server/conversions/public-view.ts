// The widget-safe view of a conversion: only what any visitor of the site may see, cut down to the
// owner's privacy rules. Never the email, the IP, the full last name or the raw payload (see
// SECURITY.md). Every path to a widget (live push, backfill, replay, preview) builds it here.
import type { PrivacyRules, PublicConversion, PublicCounter } from '../../shared/protocol.ts';
import { privacyRulesOf } from '../notifications/display-defaults.ts';
import { TITLE_TEMPLATE, type TemplateValues, renderTemplate } from '../notifications/message-template.ts';
import type { Conversion } from './conversion.types.ts';
import { type VisiblePerson, visiblePerson } from './visible-person.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "Maria G." — a first name and one letter of the last name, as the popup shows it. */
function displayName(firstName: string | undefined, lastInitial: string | undefined): string | undefined {
  if (!firstName) return undefined;
  return lastInitial ? `${firstName} ${lastInitial}.` : firstName;
}

function displayLocation(p: VisiblePerson): string | undefined {
  const region = p.countryCode ?? p.country;
  if (p.city) return region ? `${p.city}, ${region}` : p.city;
  if (p.state) return region ? `${p.state}, ${region}` : p.state;
  return p.country ?? p.countryCode;
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

/** The template's values for a conversion, as the owner's privacy rules let a visitor see it. */
export function templateValues(c: Conversion, display: Partial<PrivacyRules>): TemplateValues {
  return valuesOf(c, visiblePerson(c, privacyRulesOf(display)));
}

function valuesOf(c: Conversion, person: VisiblePerson): TemplateValues {
  const product = c.productName
    ? c.moreProducts > 0
      ? `${c.productName} and ${c.moreProducts} more`
      : c.productName
    : undefined;
  return {
    name: displayName(person.firstName, person.lastInitial),
    firstName: person.firstName,
    lastInitial: person.lastInitial,
    city: person.city,
    state: person.state,
    country: person.country,
    countryCode: person.countryCode,
    location: displayLocation(person),
    product,
    productName: c.productName,
    moreProducts: c.moreProducts > 0 ? String(c.moreProducts) : undefined,
    total: formatMoney(c.total, c.currency),
    currency: c.currency,
  };
}

/** A notification is one: `toPublicConversion(conversion, notification)`. */
export interface PublicViewOptions {
  messageTemplate: string;
  /**
   * The notification's rules, as stored (only what the owner changed) or with defaults filled in;
   * only the privacy part is read, and what it leaves out follows the defaults.
   */
  display: Partial<PrivacyRules> & { titleTemplate?: string | null; templates?: Record<string, object> };
}

const USES_MONEY = /\{\{\s*(total|currency)\s*\}\}/;

/** The order total travels only to widgets that show it: a template (any language's) names it. */
function showsMoney(messageTemplate: string, display: PublicViewOptions['display']): boolean {
  return USES_MONEY.test(messageTemplate) || USES_MONEY.test(JSON.stringify(display.templates ?? {}));
}

/** The only builder of a PublicConversion: what of a conversion a visitor of the site may see. */
export function toPublicConversion(c: Conversion, { messageTemplate, display }: PublicViewOptions): PublicConversion {
  const person = visiblePerson(c, privacyRulesOf(display));
  const values = valuesOf(c, person);
  return {
    id: c.id,
    notificationId: c.notificationId,
    firstName: person.firstName,
    lastInitial: person.lastInitial,
    city: person.city,
    state: person.state,
    country: person.country,
    countryCode: person.countryCode,
    productName: c.productName,
    productLink: c.productLink,
    productImage: c.productImage,
    moreProducts: c.moreProducts,
    timestamp: c.timestamp,
    ...(showsMoney(messageTemplate, display) && { total: c.total, currency: c.currency }),
    title: renderTemplate(display.titleTemplate ?? TITLE_TEMPLATE, values),
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
