// Reads an amount from numbers and from text like "1,299.00", "$1,299.00", "1.299,00", "€12", "12.50 USD".
import { currencyFromSymbol, toCurrencyCode } from './currencies.ts';

export interface Amount {
  readonly amount: number;
  /** ISO code named in the text, or `$` for a bare dollar sign (ambiguous without a country). */
  readonly currency?: string;
}

const MAX_AMOUNT = 1e12;
const MAX_AMOUNT_TEXT_CHARS = 48;
/** `55`, `12.00`: most amounts. They need none of the code, symbol and separator rules below. */
const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;

export function parseAmount(value: unknown): Amount | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 && value < MAX_AMOUNT ? { amount: value } : undefined;
  if (typeof value !== 'string' || value.length > MAX_AMOUNT_TEXT_CHARS) return undefined;
  const text = value.trim();
  if (PLAIN_DECIMAL.test(text)) {
    const amount = Number(text);
    return amount < MAX_AMOUNT ? { amount } : undefined;
  }
  const codeMatch = /(?:^|[^A-Za-z])([A-Za-z]{3})(?:$|[^A-Za-z])/.exec(text);
  const code = codeMatch ? toCurrencyCode(codeMatch[1]) : undefined;
  if (codeMatch && !code) return undefined;
  const currency = code ?? currencyFromSymbol(text);
  // Whatever is left must be a number with separators; letters elsewhere mean it is not an amount.
  const numeric = text
    .replace(codeMatch?.[1] ?? '\u0000', '')
    .replace(/[A-Z]{1,2}\$|[$€£₹₩₺₽₪₫₱₴₦₿]/g, '')
    .replace(/[\s\u00a0\u202f]+/g, '');
  const amount = parseDecimal(numeric);
  if (amount === undefined || amount < 0 || amount >= MAX_AMOUNT) return undefined;
  return currency ? { amount, currency } : { amount };
}

/**
 * Separators: the last of `.`/`,` is the decimal mark when both occur; a lone `,` followed by
 * exactly three digits (`1,299`) groups thousands; a lone `.` is always a decimal point;
 * `'` (Swiss) always groups.
 */
export function parseDecimal(text: string): number | undefined {
  const digits = text.replace(/'/g, '');
  if (!/^\d[\d.,]*$/.test(digits) && !/^[.,]\d+$/.test(digits)) return undefined;
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  let normalized: string;
  if (lastDot !== -1 && lastComma !== -1) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [whole, fraction, extra] = digits.split(decimal);
    if (extra !== undefined || fraction === undefined || fraction.includes(group)) return undefined;
    normalized = `${(whole as string).split(group).join('')}.${fraction}`;
  } else if (lastComma !== -1) {
    const parts = digits.split(',');
    const groupsOfThree = parts.length > 1 && parts.slice(1).every((part) => part.length === 3);
    if (groupsOfThree) normalized = parts.join('');
    else if (parts.length === 2) normalized = parts.join('.');
    else return undefined;
  } else {
    const parts = digits.split('.');
    if (parts.length === 2) normalized = digits;
    else if (parts.length > 2 && parts.slice(1).every((part) => part.length === 3)) normalized = parts.join('');
    else if (parts.length === 1) normalized = digits;
    else return undefined;
  }
  const amount = Number(normalized);
  return Number.isFinite(amount) ? amount : undefined;
}
