// Reads a point in time from epoch seconds/milliseconds (numbers or numeric strings), ISO 8601, RFC 2822, US and dotted European dates, named-month dates or PayPal's text.

const MIN_PLAUSIBLE_MS = Date.UTC(2000, 0, 1);
/** Senders' clocks drift; a day ahead is still a clock, more is a bug or a future date (an appointment). */
const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

/** Below this a number is seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_BELOW = 1e11;
/** Above this a number is microseconds. */
const MICROSECONDS_ABOVE = 1e14;
/** ISO 8601 and its common relaxations: a space for `T`, `/` between date parts, a zone abbreviation (https://www.iso.org/iso-8601-date-and-time-format.html). */
const ISO_DATE_TIME =
  /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*([+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?$/;
/** RFC 2822 section 3.3, with and without the day name, numeric or named zone (https://www.rfc-editor.org/rfc/rfc2822#section-3.3). */
const RFC_2822 =
  /^(?:[A-Za-z]{3},?\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})$/;
/** US order and form exports: "05/31/2024 20:15:00", "5/31/2024 8:15 PM" (month first; a zone-less time is UTC). */
const US_DATE_TIME =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?(?:\s+([+-]\d{4}|[A-Za-z]{1,5}))?$/;
/**
 * Dotted dates are day first, the European convention (German, Swiss, Austrian, Russian, Polish…
 * exports and forms): "05.03.2024" is 5 March, "5.3.2024 14:10" too. A zone-less time is UTC.
 */
const DOTTED_DAY_FIRST =
  /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?(?:\s+([+-]\d{4}|[A-Za-z]{1,5}))?$/;
/** PayPal IPN's `payment_date`: "10:15:32 Mar 03, 2024 PST" (https://developer.paypal.com/api/nvp-soap/ipn/IPNandPDTVariables/). */
const PAYPAL_DATE =
  /^(\d{1,2}):(\d{2}):(\d{2})\s+([A-Za-z]{3})\.?\s+(\d{1,2}),?\s+(\d{4})\s+([A-Za-z]{2,5}|[+-]\d{4})$/;
/**
 * Dates with the month's name, month first: "Jul 07, 2025 02:36:31 PM" (FastSpring's display
 * dates), "November 22, 2026 at 10:15 am", "Sunday, November 22, 2026 10:15 AM", and JavaScript's
 * Date#toString "Sun Nov 22 2026 10:15:00 GMT+0100 (Central European Standard Time)".
 */
const NAMED_MONTH_FIRST =
  /^(?:[A-Za-z]+\.?,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?(?:\s+(?:GMT|UTC)?([+-]\d{2}:?\d{2})|\s+([A-Za-z]{1,5}))?(?:\s+\([^()]*\))?$/;
/** The same, day first: "22 November 2026 10:15", "22nd Nov 2026, 10:15 pm", "22. Nov 2026" (the order is unambiguous with a named month). */
const NAMED_DAY_FIRST =
  /^(?:[A-Za-z]+\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?(?:\s+(?:GMT|UTC)?([+-]\d{2}:?\d{2})|\s+([A-Za-z]{1,5}))?$/;
/** ISO 8601's basic format: "20261122T101500Z" (iCalendar, some exports). */
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})?$/;
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** North American and a few European zone abbreviations, in minutes east of UTC. */
const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  UT: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
};
/** Long enough for Date#toString with its zone's name. */
const MAX_TIME_TEXT_CHARS = 80;

/** Epoch ms, or undefined when the value is not a time. No plausibility check here. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value !== 'string' || value.length > MAX_TIME_TEXT_CHARS) return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return fromNumber(Number(text));
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const iso = ISO_DATE_TIME.exec(text);
    if (iso) return fromIso(iso);
    const us = US_DATE_TIME.exec(text);
    if (us) return fromUs(us);
    const dotted = DOTTED_DAY_FIRST.exec(text);
    if (dotted) return fromDayFirst(dotted);
    const paypal = PAYPAL_DATE.exec(text);
    if (paypal) return fromPayPal(paypal);
    const basic = ISO_BASIC.exec(text);
    if (basic) return fromIsoBasic(basic);
  }
  const rfc = RFC_2822.exec(text);
  if (rfc) return fromRfc2822(rfc);
  const monthFirst = NAMED_MONTH_FIRST.exec(text);
  if (monthFirst) {
    const [, month, day, year, ...clock] = monthFirst;
    return fromNamed(month as string, day as string, year as string, clock);
  }
  const dayFirst = NAMED_DAY_FIRST.exec(text);
  if (dayFirst) {
    const [, day, month, year, ...clock] = dayFirst;
    return fromNamed(month as string, day as string, year as string, clock);
  }
  return undefined;
}

/** A named-month date; the clock parts are hour, minute, second, a/p, numeric zone, zone name (UTC when none). */
function fromNamed(monthName: string, d: string, y: string, clock: (string | undefined)[]): number | undefined {
  const month = monthNumber(monthName);
  const [h = '0', mi = '0', sec = '0', meridiem, numericZone, namedZone] = clock;
  const hour = clockHour(h, meridiem);
  const offset = zoneOffset(numericZone ?? namedZone ?? 'Z');
  if (month === undefined || hour === undefined || offset === undefined) return undefined;
  return utcTime(Number(y), month, Number(d), hour, Number(mi), Number(sec), offset);
}

function fromIsoBasic(match: RegExpExecArray): number | undefined {
  const [, y, mo, d, h, mi, sec = '0', zone = 'Z'] = match;
  const offset = zoneOffset(zone);
  if (offset === undefined) return undefined;
  return utcTime(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec), offset);
}

/** 1–12 for "Nov", "November", "Sept"; undefined for any other word. */
function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = MONTHS.indexOf(lower.slice(0, 3));
  if (index < 0) return undefined;
  const full = MONTH_NAMES[index] as string;
  return lower.length === 3 || lower === full || lower === 'sept' ? index + 1 : undefined;
}

/** The 24-hour hour of "8" with "p" (PM), or undefined when a 12-hour clock's hour is out of range. */
function clockHour(h: string, meridiem: string | undefined): number | undefined {
  const hour = Number(h);
  if (!meridiem) return hour;
  if (hour < 1 || hour > 12) return undefined;
  return (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
}

export function isPlausibleTime(ms: number, receivedAt: number): boolean {
  return ms >= MIN_PLAUSIBLE_MS && ms <= receivedAt + MAX_FUTURE_SKEW_MS;
}

function fromNumber(value: number): number | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  if (value < SECONDS_BELOW) return Math.round(value * 1000);
  if (value > MICROSECONDS_ABOVE) return Math.round(value / 1000);
  return Math.round(value);
}

/** Date-times without an offset are read as UTC so the result never depends on the server's zone. */
function fromIso(match: RegExpExecArray): number | undefined {
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const [year, month, day, hour, minute, second] = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)];
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offset = zoneOffset(zone);
  if (offset === undefined) return undefined;
  return utcTime(year, month, day, hour, minute, second, offset, ms);
}

/** "31 May 2024 20:15:00 -0400", "Fri, 31 May 2024 20:15:00 GMT". */
function fromRfc2822(match: RegExpExecArray): number | undefined {
  const [, d, monthName, y, h, mi, s = '0', zone = ''] = match;
  const month = MONTHS.indexOf((monthName as string).toLowerCase()) + 1;
  const offset = zoneOffset(zone);
  if (month === 0 || offset === undefined) return undefined;
  return utcTime(Number(y), month, Number(d), Number(h), Number(mi), Number(s), offset);
}

/** Month first, as US exports write it; a first number over 12 is another convention, never guessed. */
function fromUs(match: RegExpExecArray): number | undefined {
  const [, mo, d, y, ...clock] = match;
  return fromNumericDate(y as string, mo as string, d as string, clock);
}

/** Day first: the dots say so ("05.03.2024" is 5 March). */
function fromDayFirst(match: RegExpExecArray): number | undefined {
  const [, d, mo, y, ...clock] = match;
  return fromNumericDate(y as string, mo as string, d as string, clock);
}

/** The clock parts are hour, minute, second, a/p and zone; a date without a zone is UTC. */
function fromNumericDate(y: string, mo: string, d: string, clock: (string | undefined)[]): number | undefined {
  const [h = '0', mi = '0', s = '0', meridiem, zone = 'Z'] = clock;
  const hour = clockHour(h, meridiem);
  const offset = zoneOffset(zone);
  if (hour === undefined || offset === undefined) return undefined;
  return utcTime(Number(y), Number(mo), Number(d), hour, Number(mi), Number(s), offset);
}

/** Epoch ms of a wall-clock time at `offset` minutes east of UTC, or undefined when a part is out of range. */
function utcTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offset: number,
  ms = 0,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return Number.isFinite(utc) ? utc - offset * 60_000 : undefined;
}

function fromPayPal(match: RegExpExecArray): number | undefined {
  const [, h, mi, s, monthName, d, y, zone = ''] = match;
  const month = MONTHS.indexOf((monthName as string).toLowerCase());
  const offset = zoneOffset(zone);
  if (month < 0 || offset === undefined) return undefined;
  const [hour, minute, second, day] = [Number(h), Number(mi), Number(s), Number(d)];
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  return Date.UTC(Number(y), month, day, hour, minute, second) - offset * 60_000;
}

/** 31 May 2024 exists, 31 June does not: Date.UTC would roll it into July. */
function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Minutes east of UTC for `+05:30`, `-0400`, `Z` or a known abbreviation (`PST`); undefined for an unknown one. */
function zoneOffset(zone: string): number | undefined {
  const sign = zone.charCodeAt(0);
  if (sign === 43 || sign === 45) return offsetMinutes(zone); // + -
  return ZONE_ABBREVIATIONS[zone.toUpperCase()];
}

function offsetMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}
