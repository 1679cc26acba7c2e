// Finds the line items (products, line_items, Stripe's line_items.data, form-encoded products[0][…]) and the one to display.
import { minorUnitsPerMajor } from './currencies.ts';
import { keyFacts, perKey } from './key-cache.ts';
import { type KeyInfo, wordSet } from './key-words.ts';
import { parseAmount } from './parse-money.ts';
import { toHttpUrl, toText } from './text-limits.ts';
import type { ProductLine } from './types.ts';
import { isUnsafeKey } from './nest-bracket-keys.ts';
import { childPath, type Container, isPlainObject, itemPath, type Walk } from './walk-payload.ts';

export interface FoundProducts {
  readonly lines: ProductLine[];
  /** Lines in the list, including any past MAX_PRODUCT_LINES. */
  readonly count: number;
  /** Index in `lines` of the one to display. */
  readonly main?: number;
  readonly listPath?: string;
  /** The list container, so totals inside it are not mistaken for the order total. */
  readonly listContainer?: number;
  readonly mainSources: { name?: string; link?: string; image?: string; id?: string; price?: string };
}

export interface ProductContext {
  readonly stripeShaped: boolean;
  readonly currency?: string;
  /** Containers whose direct `product`/`offer` child may be the one product bought. */
  readonly topLevel: readonly number[];
}

export const MAX_PRODUCT_LINES = 100;
const MAX_LINE_KEYS = 64;
const MAX_QUANTITY = 1_000_000;

/** List names by preference: an explicit line-item list beats a generic `items`. */
const LIST_RANKS: ReadonlyMap<string, number> = new Map([
  ['products', 0],
  ['lineitems', 0],
  ['orderitems', 0],
  ['cartitems', 0],
  ['purchaseditems', 0],
  ['productlist', 0],
  ['orderproducts', 0],
  ['orderlines', 1],
  ['items', 1],
  ['lines', 2],
  ['cart', 2],
  ['basket', 2],
]);
const LIST_PREFIXES: ReadonlySet<string> = wordSet(`
  line order cart purchased purchase checkout basket shopping sold invoice product
`);
/** A single bought thing named as a record of its own (Kajabi's `offer`, a `product` object). */
const SINGLE_PRODUCT_KEYS: ReadonlySet<string> = wordSet('product offer course item plan ticket service package');
/** Lists that repeat or undo the order's items. */
const NOT_SOLD =
  /^(?:refunds?|refundlineitems|fulfillments?|returns?|shippinglines|shipping|discounts?|discountapplications|taxlines|fees?|feelines|couponlines|removeditems|abandoned)$/;

const NAME_KEYS = [
  'productname',
  'producttitle',
  'itemname',
  'name',
  'title',
  'offertitle',
  'offername',
  'description',
  'productdescription',
  'label',
  'nickname',
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
  'images',
];
const UNIT_PRICE_KEYS = ['unitprice', 'price', 'priceperunit', 'itemprice', 'productprice', 'saleprice', 'unitamount'];
const UNIT_CENTS_KEYS = ['unitpricecents', 'unitpriceincents', 'pricecents', 'priceincents', 'unitamountcents'];
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
const LINE_TOTAL_CENTS_KEYS = ['totalcents', 'amountcents', 'amountincents', 'linetotalcents'];
const QUANTITY_KEYS = ['quantity', 'qty'];
/** Nested records a line may keep its details in (Stripe's price.product, a `product` object…). */
const NESTED_KEYS = ['product', 'item', 'variant', 'offer', 'price'];

/** A line's field; its path is built only for the fields that end up reported. */
interface Field {
  readonly value: unknown;
  readonly parentPath: string;
  readonly key: string;
}
type Fields = Map<string, Field>;

function fieldPath(field: Field): string {
  return childPath(field.parentPath, field.key);
}

export function findProducts(walk: Walk, context: ProductContext): FoundProducts {
  const list = findList(walk);
  if (!list) return findSingleProduct(walk, context);
  const length = listLength(list.container);
  const lines: ProductLine[] = [];
  const sources: FoundProducts['mainSources'][] = [];
  for (const [index, value] of listEntries(list.container, MAX_PRODUCT_LINES)) {
    const read = readLine(value, itemPath(list.path, index), context);
    if (read) {
      lines.push(read.line);
      sources.push(read.sources);
    }
  }
  if (lines.length === 0) return { lines, count: 0, mainSources: {}, listContainer: list.index };
  let main = 0;
  lines.forEach((line, i) => {
    if (line.price !== undefined && (lines[main]?.price === undefined || line.price > (lines[main]?.price as number)))
      main = i;
  });
  const count = length > MAX_PRODUCT_LINES ? length : lines.length;
  return { lines, count, main, listPath: list.path, listContainer: list.index, mainSources: sources[main] ?? {} };
}

function findSingleProduct(walk: Walk, context: ProductContext): FoundProducts {
  for (const container of walk.containers) {
    if (container.isArray || container.isItem || !context.topLevel.includes(container.parent)) continue;
    if (!SINGLE_PRODUCT_KEYS.has(container.key.norm)) continue;
    const read = readLine(container.value, container.path, context);
    if (read?.line.name) {
      return {
        lines: [read.line],
        count: 1,
        main: 0,
        listPath: container.path,
        listContainer: container.index,
        mainSources: read.sources,
      };
    }
  }
  return { lines: [], count: 0, mainSources: {} };
}

function findList(walk: Walk): { container: Container; index: number; path: string } | undefined {
  let best: { container: Container; index: number; path: string; score: number } | undefined;
  for (const container of walk.containers) {
    if (container.isItem) continue;
    const rank = listRank(container.key);
    if (rank === undefined || isUnderNotSold(walk, container)) continue;
    let target = container;
    if (!container.isArray) {
      // Stripe list objects: {object: "list", data: [...]}.
      const data = walk.byPath.get(childPath(container.path, 'data'));
      const dataContainer = data === undefined ? undefined : walk.containers[data];
      if (dataContainer?.isArray) target = dataContainer;
      else if (!isIndexedObject(container.value)) continue;
    }
    if (listLength(target) === 0) continue;
    const score = rank + 0.5 * container.depth;
    if (!best || score < best.score) best = { container: target, index: target.index, path: target.path, score };
  }
  return best;
}

const listRank = perKey(readListRank);
const isNotSoldKey = perKey((key) => NOT_SOLD.test(key.norm));

function readListRank(key: KeyInfo): number | undefined {
  const direct = LIST_RANKS.get(key.norm);
  if (direct !== undefined) return direct;
  const { tokens } = key;
  const last = tokens[tokens.length - 1];
  if (
    tokens.length > 1 &&
    (last === 'items' || last === 'products') &&
    tokens.slice(0, -1).every((token) => LIST_PREFIXES.has(token))
  )
    return 1;
  return undefined;
}

function isUnderNotSold(walk: Walk, container: Container): boolean {
  let current: Container | undefined = container;
  while (current) {
    if (isNotSoldKey(current.key)) return true;
    current = current.parent >= 0 ? walk.containers[current.parent] : undefined;
  }
  return false;
}

/** A form-encoded sparse list (`products[3][name]`) stays an object keyed by indexes. */
function isIndexedObject(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => /^\d{1,5}$/.test(key));
}

function listLength(container: Container): number {
  if (Array.isArray(container.value)) return container.value.length;
  return isIndexedObject(container.value) ? Object.keys(container.value).length : 0;
}

function listEntries(container: Container, limit: number): [number, unknown][] {
  if (Array.isArray(container.value)) {
    return container.value.slice(0, limit).map((value, index) => [index, value] as [number, unknown]);
  }
  if (!isIndexedObject(container.value)) return [];
  const record = container.value as Readonly<Record<string, unknown>>;
  // Integer-like keys enumerate in ascending numeric order.
  return Object.keys(record)
    .slice(0, limit)
    .map((key) => [Number(key), record[key]] as [number, unknown]);
}

function readLine(
  value: unknown,
  path: string,
  context: ProductContext,
): { line: ProductLine; sources: FoundProducts['mainSources'] } | undefined {
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
  const sources: FoundProducts['mainSources'] = {};

  const name = pick(all, NAME_KEYS, readName);
  if (name) [line.name, sources.name] = [name.value, name.path];
  const link = pick(all, LINK_KEYS, toHttpUrl);
  if (link) [line.link, sources.link] = [link.value, link.path];
  const id = pick(all, ID_KEYS, readId);
  if (id) [line.id, sources.id] = [id.value, id.path];
  const image = pick(all, IMAGE_KEYS, readImage);
  if (image) [line.image, sources.image] = [image.value, image.path];

  const quantity = pick([own], QUANTITY_KEYS, readQuantity);
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
    const norm = keyFacts(key).key.norm;
    if (!fields.has(norm)) fields.set(norm, { value: record[key], parentPath: path, key });
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

function readId(value: unknown): string | undefined {
  return toText(value);
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

/** The unit price: a unit field, else a line total divided by the quantity; minor units converted. */
function readUnitPrice(
  all: readonly Fields[],
  quantity: number,
  context: ProductContext,
): { value: number; path: string } | undefined {
  // Stripe's bare numbers are in minor units; text amounts are as written.
  const stripeUnits = context.stripeShaped ? minorUnitsPerMajor(context.currency) : undefined;
  const unit =
    pickAmount(all, UNIT_CENTS_KEYS, true, stripeUnits) ?? pickAmount(all, UNIT_PRICE_KEYS, false, stripeUnits);
  if (unit) return unit;
  const total =
    pickAmount(all, LINE_TOTAL_CENTS_KEYS, true, stripeUnits) ?? pickAmount(all, LINE_TOTAL_KEYS, false, stripeUnits);
  return total && { value: round(total.value / quantity), path: total.path };
}

/** pick for amounts, in major units (a plain loop: no reader closures per line). */
function pickAmount(
  all: readonly Fields[],
  keys: readonly string[],
  cents: boolean,
  stripeUnits: number | undefined,
): { value: number; path: string } | undefined {
  for (const fields of all) {
    for (const key of keys) {
      const field = fields.get(key);
      if (!field) continue;
      const value = readMajor(field.value, cents, stripeUnits);
      if (value !== undefined) return { value, path: fieldPath(field) };
    }
  }
  return undefined;
}

function readMajor(value: unknown, cents: boolean, stripeUnits: number | undefined): number | undefined {
  // A `price` object (Stripe, Shopify price_set) is read through its own amount fields.
  const amount = parseAmount(value)?.amount;
  if (amount === undefined) return undefined;
  if (cents) return round(amount / 100);
  return stripeUnits !== undefined && typeof value === 'number' ? round(amount / stripeUnits) : amount;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
