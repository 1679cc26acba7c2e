// ISO 4217 codes (from the runtime's Intl data), minor-unit exponents for Stripe amounts, and the few unambiguous currency symbols.
import { isAscii, wordSet } from './key-words.ts';

let validCodes: ReadonlySet<string> | undefined;

/** Upper-case ISO 4217 code, or undefined. */
export function toCurrencyCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return undefined;
  validCodes ??= readValidCodes();
  return validCodes.size === 0 || validCodes.has(code) ? code : undefined;
}

function readValidCodes(): ReadonlySet<string> {
  try {
    return new Set(Intl.supportedValuesOf('currency'));
  } catch {
    return new Set();
  }
}

/**
 * ISO 4217 exponents other than 2, as senders that count in minor units apply them
 * (https://docs.stripe.com/currencies#zero-decimal, https://www.iso.org/iso-4217-currency-codes.html).
 */
const ZERO_DECIMAL: ReadonlySet<string> = wordSet(
  'BIF CLP DJF GNF ISK JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF',
);
const THREE_DECIMAL: ReadonlySet<string> = wordSet('BHD IQD JOD KWD LYD OMR TND');

/** How many minor units make one major unit: 100 for most currencies and when it is unknown. */
export function minorUnitsPerMajor(currency: string | undefined): number {
  if (currency && ZERO_DECIMAL.has(currency)) return 1;
  if (currency && THREE_DECIMAL.has(currency)) return 1000;
  return 100;
}

/**
 * Symbols that name one currency. A bare `$` (USD, CAD, AUD, MXN…), `¥` (JPY, CNY) and `kr` are
 * ambiguous and are not mapped; prefixed dollars (`US$`, `CA$`, `A$`) are.
 */
const SYMBOLS: readonly (readonly [string, string])[] = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['C$', 'CAD'],
  ['AU$', 'AUD'],
  ['A$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['MX$', 'MXN'],
  ['R$', 'BRL'],
  ['S$', 'SGD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₺', 'TRY'],
  ['₽', 'RUB'],
  ['₪', 'ILS'],
  ['₫', 'VND'],
  ['₱', 'PHP'],
  ['₴', 'UAH'],
  ['₦', 'NGN'],
  ['₿', 'XBT'],
];

/** The currency a symbol in the text names, or `$` when the only symbol is a bare dollar. */
export function currencyFromSymbol(text: string): string | undefined {
  // Every symbol but the dollars is non-ASCII, and every dollar has a `$`.
  if (isAscii(text) && !text.includes('$')) return undefined;
  for (const [symbol, code] of SYMBOLS) {
    if (text.includes(symbol)) return code === 'XBT' ? undefined : code;
  }
  return text.includes('$') ? '$' : undefined;
}
