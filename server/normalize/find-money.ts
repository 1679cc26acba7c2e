// Finds the order total and its currency, converting minor units (Stripe amounts, `*_cents` fields) to major units.
import { currencyFromSymbol, minorUnitsPerMajor, toCurrencyCode } from './currencies.ts';
import { perKey } from './key-cache.ts';
import { hasToken, type KeyInfo, wordSet } from './key-words.ts';
import { minorUnitBase, withoutMinorWords } from './minor-units.ts';
import { parseAmount } from './parse-money.ts';
import type { Leaf, Walk } from './walk-payload.ts';

export interface FoundMoney {
  total?: number;
  totalSource?: string;
  /** ISO 4217, or `$` when only a bare dollar sign was seen. */
  currency?: string;
  currencySource?: string;
}

export interface MoneyContext {
  readonly stripeShaped: boolean;
  /** The line-item list (or single product record): its amounts are not the order total. */
  readonly listContainer?: number;
}

/** Containers whose numbers are not money at all (Calendly's invitees_counter.total, Typeform's calculated.score). */
const NOT_MONEY_WORDS: ReadonlySet<string> = wordSet(`
  counter counters count counts stats statistics limit limits usage score scores pagination calculated
  rating ratings inventory capacity quota analytics dimensions weight variables breakdown
`);
/** Containers whose amounts are parts of the order or belong to another record (Shopify's customer.total_spent). */
const PARTIAL_AMOUNTS: ReadonlySet<string> = wordSet(`
  items products lineitems lines orderitems cartitems refund refunds fulfillment fulfillments discount
  discounts discountcodes discountapplications shippinglines shipping taxlines taxes fee fees feelines
  couponlines payouts totaldetails totaltaxset totaldiscountsset totalshippingpriceset shippingaddress
  billingaddress customer plan price prices
`);
/** Words in a key that make an amount something other than the order total. */
const NOT_TOTAL_WORDS: ReadonlySet<string> = wordSet(`
  tax taxes vat discount discounts shipping fee fees refund refunded refundable tip tips commission
  due remaining outstanding count qty quantity items weight points credit deposit balance capturable
  decimal percent percentage rate score duration min max limit id ids number num code currency type
  status per unit original compare handling coupon surcharge change received capacity stock inventory
  lines line lineitem lineitems
`);
/** Single-word keys and unsplit compounds (`grandtotal`, `amountpaid`) by rank: lower wins. */
const COMPOUND_RANKS: ReadonlyMap<string, number> = new Map([
  ['total', 0],
  ['grandtotal', 0],
  ['ordertotal', 0],
  ['totalprice', 0],
  ['totalamount', 0],
  ['amounttotal', 0],
  ['amountpaid', 1],
  ['paidamount', 1],
  ['mcgross', 1],
  ['paymentgross', 1],
  ['amount', 2],
  ['price', 3],
  ['subtotal', 4],
]);
const PAID_WORDS: ReadonlySet<string> = new Set(['paid', 'charged', 'captured', 'settled']);
const VALUE_OWNERS: ReadonlySet<string> = wordSet('order purchase sale transaction cart checkout conversion');
const DEPTH_WEIGHT = 0.75;
/** Keys an amount object keeps its number under. */
const AMOUNT_VALUE_KEYS: ReadonlySet<string> = new Set(['value', 'amount']);

interface MoneyKey {
  rank: number;
  /** The key says minor units (`amount_in_cents`, `total_minor`): divided by the currency's exponent. */
  minor: boolean;
}

/** The key's total rank, remembered per key (the MoneyKey is shared: read-only). */
const moneyKey = perKey(readMoneyKey);
/** A `currency` word is in the joined norm too, so one substring test covers both spellings. */
const isCurrencyKey = perKey((key) => key.norm === 'ccy' || key.norm.includes('currency'));
/** Records whose amounts are never the order total (see PARTIAL_AMOUNTS and NOT_MONEY_WORDS). */
const isPartialRecordKey = perKey((key) => PARTIAL_AMOUNTS.has(key.norm) || hasToken(key, NOT_MONEY_WORDS));

function readMoneyKey(key: KeyInfo): MoneyKey | undefined {
  let tokens: readonly string[] = key.tokens;
  let minor = false;
  const words = tokens.length > 1 ? withoutMinorWords(tokens) : undefined;
  const base = tokens.length === 1 ? minorUnitBase(key.norm) : undefined;
  if (words !== undefined) [tokens, minor] = [words, true];
  else if (base !== undefined && /^[a-z]+$/.test(base)) [tokens, minor] = [[base], true];
  if (tokens.length === 0 || hasAnyWord(tokens, NOT_TOTAL_WORDS)) return undefined;
  const rank = tokens.length === 1 ? COMPOUND_RANKS.get(tokens[0] as string) : wordsRank(tokens);
  return rank === undefined ? undefined : { rank, minor };
}

/**
 * `amount: {value: "70.00", currency_code: "USD"}` (PayPal), `total: {amount: …}`: the inner
 * `value`/`amount` is read with its record's key when that key names a better total.
 */
function valueKeyOf(walk: Walk, leaf: Leaf, own: MoneyKey | undefined): MoneyKey | undefined {
  if (leaf.isItem || !AMOUNT_VALUE_KEYS.has(leaf.key.norm)) return own;
  const container = walk.containers[leaf.parent];
  const outer = container && !container.isItem ? moneyKey(container.key) : undefined;
  return outer && (!own || outer.rank < own.rank) ? outer : own;
}

/** The rank of a multi-word key (`total_price`, `amount_paid`, `order_value`). */
function wordsRank(tokens: readonly string[]): number | undefined {
  if (tokens.includes('subtotal') || (tokens.includes('sub') && tokens.includes('total'))) return 4;
  if (tokens.includes('total') || tokens.includes('grand')) return 0;
  if (tokens.includes('amount') || tokens.includes('gross')) return hasAnyWord(tokens, PAID_WORDS) ? 1 : 2;
  if (tokens.includes('price')) return 3;
  if (tokens.includes('revenue') || (tokens.includes('value') && hasAnyWord(tokens, VALUE_OWNERS))) return 3;
  return undefined;
}

function hasAnyWord(tokens: readonly string[], words: ReadonlySet<string>): boolean {
  for (const token of tokens) if (words.has(token)) return true;
  return false;
}

export function findMoney(walk: Walk, context: MoneyContext): FoundMoney {
  const isExcluded = createPartialCheck(walk, context.listContainer);
  let best: { leaf: Leaf; key: MoneyKey; score: number } | undefined;
  for (const leaf of walk.leaves) {
    if (leaf.isItem || leaf.role < -2 || isExcluded(leaf.parent)) continue;
    const key = valueKeyOf(walk, leaf, moneyKey(leaf.key));
    if (!key || parseAmount(leaf.value) === undefined) continue;
    const score = key.rank + DEPTH_WEIGHT * leaf.depth;
    if (!best || score < best.score) best = { leaf, key, score };
  }

  const currency = findCurrency(walk, best?.leaf);
  if (!best) return currency ?? {};
  const parsed = parseAmount(best.leaf.value) as NonNullable<ReturnType<typeof parseAmount>>;
  const code = currency?.currency ?? parsed.currency;
  let total = parsed.amount;
  if (best.key.minor) {
    const units = minorUnitsPerMajor(code === '$' ? undefined : code);
    total = roundTo(total / units, units);
  } else if (context.stripeShaped && typeof best.leaf.value === 'number') {
    const units = minorUnitsPerMajor(code === '$' ? undefined : code);
    total = roundTo(total / units, units);
  } else if (isMinorByFormattedTwin(walk, best.leaf, code)) {
    const units = minorUnitsPerMajor(code === '$' ? undefined : code);
    total = roundTo(total / units, units);
  }
  return {
    total,
    totalSource: best.leaf.path,
    ...(code !== undefined && { currency: code, currencySource: currency?.currencySource ?? best.leaf.path }),
  };
}

/**
 * `total: 999` beside `total_formatted: "$9.99"` (Lemon Squeezy, Kajabi's `formatted_amount`):
 * the sender's own display text shows the whole number is in minor units. Only a JSON integer
 * whose formatted sibling reads exactly that number over the currency's minor units counts; a
 * display that repeats the number (`total: 119`, `totalDisplay: "119,00 €"`) leaves it as it is.
 */
function isMinorByFormattedTwin(walk: Walk, total: Leaf, code: string | undefined): boolean {
  const { value } = total;
  if (typeof value !== 'number' || !Number.isInteger(value) || value === 0) return false;
  const units = minorUnitsPerMajor(code === '$' ? undefined : code);
  if (units === 1) return false;
  for (const leaf of walk.leaves) {
    if (leaf.parent !== total.parent || typeof leaf.value !== 'string' || !isFormattedKey(leaf.key)) continue;
    const shown = parseAmount(leaf.value)?.amount;
    if (shown !== undefined && shown !== value && Math.abs(shown * units - value) < 0.5) return true;
  }
  return false;
}

const isFormattedKey = perKey((key) => key.tokens.includes('formatted') || key.tokens.includes('display'));

/** The currency next to the total, else the shallowest one anywhere. */
export function findCurrency(
  walk: Walk,
  near: Leaf | undefined,
): { currency: string; currencySource: string } | undefined {
  let best: { leaf: Leaf; code: string; score: number } | undefined;
  for (const leaf of walk.leaves) {
    if (!isCurrencyKey(leaf.key)) continue;
    if (typeof leaf.value !== 'string') continue;
    const code =
      toCurrencyCode(leaf.value) ?? (leaf.value.trim().length <= 3 ? currencyFromSymbol(leaf.value) : undefined);
    if (!code) continue;
    const score = (near && leaf.group === near.group ? -100 : 0) + leaf.depth + (code === '$' ? 50 : 0);
    if (!best || score < best.score) best = { leaf, code, score };
  }
  return best && { currency: best.code, currencySource: best.leaf.path };
}

/** Memoized "is this container inside line items, refunds, shipping, tax…?" for the total search. */
function createPartialCheck(walk: Walk, listContainer: number | undefined): (container: number) => boolean {
  const memo: (boolean | undefined)[] = [];
  return (start) => {
    const path: number[] = [];
    let index = start;
    let result = false;
    while (index >= 0) {
      const known = memo[index];
      if (known !== undefined) {
        result = known;
        break;
      }
      const container = walk.containers[index];
      if (!container) break;
      path.push(index);
      if (index === listContainer || isPartialRecordKey(container.key)) {
        result = true;
        break;
      }
      index = container.parent;
    }
    for (const visited of path) memo[visited] = result;
    return result;
  };
}

function roundTo(value: number, units: number): number {
  return Math.round(value * units) / units;
}
