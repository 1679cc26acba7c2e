// Reads a point in time from epoch seconds/milliseconds (numbers or numeric strings), ISO 8601, RFC 2822 or PayPal's text.

const MIN_PLAUSIBLE_MS = Date.UTC(2000, 0, 1);
/** Senders' clocks drift; a day ahead is still a clock, more is a bug or a future date (an appointment). */
const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

/** Below this a number is seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_BELOW = 1e11;
/** Above this a number is microseconds. */
const MICROSECONDS_ABOVE = 1e14;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC_2822 =
  /^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|GMT|UTC|Z)$/;
/** PayPal IPN's `payment_date`: "10:15:32 Mar 03, 2024 PST" (https://developer.paypal.com/api/nvp-soap/ipn/IPNandPDTVariables/). */
const PAYPAL_DATE =
  /^(\d{1,2}):(\d{2}):(\d{2})\s+([A-Za-z]{3})\.?\s+(\d{1,2}),?\s+(\d{4})\s+([A-Za-z]{2,5}|[+-]\d{4})$/;
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
const MAX_TIME_TEXT_CHARS = 64;

/** Epoch ms, or undefined when the value is not a time. No plausibility check here. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value !== 'string' || value.length > MAX_TIME_TEXT_CHARS) return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return fromNumber(Number(text));
  const iso = ISO_DATE_TIME.exec(text);
  if (iso) return fromIso(iso);
  if (RFC_2822.test(text)) {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? ms : undefined;
  }
  const paypal = PAYPAL_DATE.exec(text);
  if (paypal) return fromPayPal(paypal);
  return undefined;
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
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return Number.isFinite(utc) ? utc - offsetMinutes(zone) * 60_000 : undefined;
}

function fromPayPal(match: RegExpExecArray): number | undefined {
  const [, h, mi, s, monthName, d, y, zone = ''] = match;
  const month = MONTHS.indexOf((monthName as string).toLowerCase());
  const offset = /^[+-]/.test(zone) ? offsetMinutes(zone) : ZONE_ABBREVIATIONS[zone.toUpperCase()];
  if (month < 0 || offset === undefined) return undefined;
  const [hour, minute, second, day] = [Number(h), Number(mi), Number(s), Number(d)];
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  return Date.UTC(Number(y), month, day, hour, minute, second) - offset * 60_000;
}

function offsetMinutes(zone: string): number {
  if (/^(?:Z|UTC|GMT)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}
