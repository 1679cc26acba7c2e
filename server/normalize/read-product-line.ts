// Reads one line item (a record or a bare name) into a ProductLine: name, link, id, image, quantity and the unit price in major units.
import { minorUnitsPerMajor, toCurrencyCode } from './currencies.ts';
import { keyFacts, perKey } from './key-cache.ts';
import type { KeyInfo } from './key-words.ts';
import { minorUnitBase } from './minor-units.ts';
import { isUnsafeKey } from './nest-bracket-keys.ts';
import { parseAmount } from './parse-money.ts';
import { toHttpUrl, toText } from './text-limits.ts';
import type { ProductLine } from './types.ts';
import { childPath, isPlainObject, ownValue } from './walk-payload.ts';

export interface LineSources {
  name?: string;
  link?: string;
  image?: string;
  id?: string;
  price?: string;
}

export interface LineContext {
  readonly stripeShaped: boolean;
  readonly currency?: string;
  /** The order's currency, looked up only when a line counts in minor units and names none itself. */
  readonly orderCurrency: () => string | undefined;
}

const MAX_LINE_KEYS = 64;
const MAX_QUANTITY = 1_000_000;

const NAME_KEYS = [
  'productname',
  'producttitle',
  'itemname',
  'name',
  'title',
  'offertitle',
  'offername',
  'coursename',
  'description',
  'productdescription',
  'label',
  'nickname',
  // FastSpring's line `display` (https://developer.fastspring.com/reference/ordercompleted).
  'display',
  'displayname',
];
const LINK_KEYS = ['productlink', 'producturl', 'link', 'url', 'permalink', 'pageurl', 'href', 'itemurl'];
const ID_KEYS = ['productid', 'sku', 'id', 'itemid', 'variantid', 'offerid'];
const IMAGE_KEYS = [
  'productimage',
  'productimageurl',
  'image',
  'imageurl',
  'img',
  'thumbnail',
  'thumbnailurl',
  'thumb',
  'src',
  'picture',
  'photo',
  'featuredimage',
  // Fourthwall's offer `primaryImage: {url}` (https://docs.fourthwall.com/webhook-event-types).
  'primaryimage',
  'mainimage',
  'images',
];
/** A minor-unit field (`price_cents`, `unit_amount_minor`) is filed under its base (`price`, `unitamount`). */
const UNIT_PRICE_KEYS = ['unitprice', 'price', 'priceperunit', 'itemprice', 'productprice', 'saleprice', 'unitamount'];
const LINE_TOTAL_KEYS = [
  'linetotal',
  'total',
  'totalprice',
  'amounttotal',
  'totalamount',
  'amount',
  'subtotal',
  'linesubtotal',
];
const QUANTITY_KEYS = ['quantity', 'qty'];
const CURRENCY_KEYS = ['currency', 'currencycode'];
/** Nested records a line may keep its details in (Stripe's price.product, a `product` object…). */
const NESTED_KEYS = ['product', 'item', 'variant', 'offer', 'price', 'course'];

/** A line's field; its path is built only for the fields that end up reported. */
interface Field {
  readonly value: unknown;
  readonly parentPath: string;
  readonly key: string;
  /** The key says minor units: the amount is divided by the currency's exponent. */
  readonly minor: boolean;
}
type Fields = Map<string, Field>;

const minorBase = perKey((key: KeyInfo) => minorUnitBase(key.norm));

function fieldPath(field: Field): string {
  return childPath(field.parentPath, field.key);
}

export function readLine(
  value: unknown,
  path: string,
  context: LineContext,
): { line: ProductLine; sources: LineSources } | undefined {
  if (typeof value === 'string') {
    const name = toText(value);
    return name ? { line: { name }, sources: { name: path } } : undefined;
  }
  if (!isPlainObject(value)) return undefined;
  const own = fieldsOf(value, path);
  const nested: Fields[] = [];
  for (const key of NESTED_KEYS) {
    const field = own.get(key);
    if (field && isPlainObject(field.value)) {
      const inner = fieldsOf(field.value, fieldPath(field));
      nested.push(inner);
      const product = inner.get('product');
      if (product && isPlainObject(product.value)) nested.push(fieldsOf(product.value, fieldPath(product)));
    }
  }
  const all = [own, ...nested];
  const line: ProductLine = {};
  const sources: LineSources = {};

  const name = pick(all, NAME_KEYS, readName);
  if (name) [line.name, sources.name] = [name.value, name.path];
  const link = pick(all, LINK_KEYS, toHttpUrl);
  if (link) [line.link, sources.link] = [link.value, link.path];
  const id = pick(all, ID_KEYS, toText);
  if (id) [line.id, sources.id] = [id.value, id.path];
  const image = pick(all, IMAGE_KEYS, readImage);
  if (image) [line.image, sources.image] = [image.value, image.path];

  // The line's own quantity; else its variant's or item's (Fourthwall keeps it in `variant`).
  const quantity = pick([own], QUANTITY_KEYS, readQuantity) ?? pick(nested, QUANTITY_KEYS, readQuantity);
  if (quantity) line.quantity = quantity.value;
  const price = readUnitPrice(all, line.quantity ?? 1, context);
  if (price) [line.price, sources.price] = [price.value, price.path];

  return Object.keys(line).length > 0 ? { line, sources } : undefined;
}

function fieldsOf(record: Readonly<Record<string, unknown>>, path: string): Fields {
  const fields: Fields = new Map();
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length && i < MAX_LINE_KEYS; i++) {
    const key = keys[i] as string;
    if (isUnsafeKey(key)) continue;
    const info = keyFacts(key).key;
    const base = minorBase(info);
    // A minor-unit twin (`price_cents` beside `price`) is the exact one: it wins its base.
    if (base !== undefined) fields.set(base, { value: record[key], parentPath: path, key, minor: true });
    else if (!fields.has(info.norm)) fields.set(info.norm, { value: record[key], parentPath: path, key, minor: false });
  }
  return fields;
}

function pick<T>(
  all: readonly Fields[],
  keys: readonly string[],
  read: (value: unknown) => T | undefined,
): { value: T; path: string } | undefined {
  for (const fields of all) {
    for (const key of keys) {
      const field = fields.get(key);
      if (!field) continue;
      const value = read(field.value);
      if (value !== undefined) return { value, path: fieldPath(field) };
    }
  }
  return undefined;
}

function readName(value: unknown): string | undefined {
  return typeof value === 'string' && !toHttpUrl(value) ? toText(value) : undefined;
}

/** `image` may be a URL, `{src}`/`{url}` (WooCommerce), or a list of either (Stripe's `images`). */
function readImage(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (isPlainObject(first)) return toHttpUrl(first.src) ?? toHttpUrl(first.url) ?? toHttpUrl(first.source);
  return toHttpUrl(first);
}

function readQuantity(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 && number <= MAX_QUANTITY
    ? number
    : undefined;
}

/** The unit price: a unit field, else a line total divided by the quantity. */
function readUnitPrice(
  all: readonly Fields[],
  quantity: number,
  context: LineContext,
): { value: number; path: string } | undefined {
  const unit = pickAmount(all, UNIT_PRICE_KEYS, context);
  if (unit) return unit;
  const total = pickAmount(all, LINE_TOTAL_KEYS, context);
  return total && { value: round(total.value / quantity), path: total.path };
}

/** pick for amounts, in major units (a plain loop: no reader closures per line). */
function pickAmount(
  all: readonly Fields[],
  keys: readonly string[],
  context: LineContext,
): { value: number; path: string } | undefined {
  for (const fields of all) {
    for (const key of keys) {
      const field = fields.get(key);
      if (!field) continue;
      const value = readMajor(field, all, context);
      if (value !== undefined) return { value, path: fieldPath(field) };
    }
  }
  return undefined;
}

/**
 * An amount in major units. A unit-price object (`{value, currency_code}` as PayPal's
 * `unit_amount`, `{amount, currency}`) is read through its number; a Stripe `price` record,
 * which has neither, is read through its own fields (NESTED_KEYS). Minor-unit keys are divided
 * by the currency's exponent (JPY 0, KWD 3), Stripe's bare numbers likewise.
 */
function readMajor(field: Field, all: readonly Fields[], context: LineContext): number | undefined {
  let value = field.value;
  let currency: string | undefined;
  if (isPlainObject(value)) {
    currency = toCurrencyCode(ownValue(value, 'currency_code') ?? ownValue(value, 'currency'));
    value = ownValue(value, 'value') ?? ownValue(value, 'amount');
  }
  const amount = parseAmount(value)?.amount;
  if (amount === undefined) return undefined;
  if (field.minor) return round(amount / minorUnitsPerMajor(currency ?? lineCurrency(all, context)));
  if (context.stripeShaped && typeof value === 'number')
    return round(amount / minorUnitsPerMajor(currency ?? context.currency));
  return amount;
}

function lineCurrency(all: readonly Fields[], context: LineContext): string | undefined {
  if (context.currency) return context.currency;
  const own = pick(all, CURRENCY_KEYS, toCurrencyCode);
  return own ? own.value : context.orderCurrency();
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
