// Finds the line items (products, line_items, Stripe's line_items.data, form-encoded products[0][…]) and the one to display.
import { findCurrency } from './find-money.ts';
import { findNumberedItems } from './find-numbered-items.ts';
import { findTopLevelLine } from './find-top-level-product.ts';
import { perKey } from './key-cache.ts';
import { type KeyInfo, wordSet } from './key-words.ts';
import type { FoundProducts } from './found-products.ts';
import { type LineContext, readLine } from './read-product-line.ts';
import type { ProductLine } from './types.ts';
import { childPath, type Container, isPlainObject, itemPath, type Walk } from './walk-payload.ts';

export interface ProductContext {
  readonly stripeShaped: boolean;
  readonly currency?: string;
  /** Containers whose direct `product`/`offer` child may be the one product bought. */
  readonly topLevel: readonly number[];
}

export const MAX_PRODUCT_LINES = 100;

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
  // Offers bought in the order (Fourthwall's `offers`, schema.org's `acceptedOffer`).
  ['offers', 2],
  ['acceptedoffer', 2],
]);
const LIST_PREFIXES: ReadonlySet<string> = wordSet(`
  line order cart purchased purchase checkout basket shopping sold invoice product
`);
/** A single bought thing named as a record of its own (Kajabi's `offer`, a `product` object). */
const SINGLE_PRODUCT_KEYS: ReadonlySet<string> = wordSet('product offer course item plan ticket service package');
/** Lists that repeat or undo the order's items. */
const NOT_SOLD =
  /^(?:refunds?|refundlineitems|fulfillments?|returns?|shippinglines|shipping|discounts?|discountapplications|taxlines|fees?|feelines|couponlines|removeditems|abandoned)$/;

export function findProducts(walk: Walk, context: ProductContext): FoundProducts {
  const list = findList(walk);
  const lineContext = createLineContext(walk, context);
  if (!list) return findSingleProduct(walk, context, lineContext);
  const length = listLength(list.container);
  const lines: ProductLine[] = [];
  const sources: FoundProducts['mainSources'][] = [];
  for (const [index, value] of listEntries(list.container, MAX_PRODUCT_LINES)) {
    const read = readLine(value, itemPath(list.path, index), lineContext);
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

/** What a line needs to convert minor units: the known currency, else the order's, looked up once when first asked. */
function createLineContext(walk: Walk, context: ProductContext): LineContext {
  let orderCurrency: string | null | undefined;
  return {
    stripeShaped: context.stripeShaped,
    ...(context.currency !== undefined && { currency: context.currency }),
    orderCurrency: () => {
      if (orderCurrency === undefined) {
        const found = findCurrency(walk, undefined)?.currency;
        orderCurrency = found === undefined || found === '$' ? null : found;
      }
      return orderCurrency ?? undefined;
    },
  };
}

function findSingleProduct(walk: Walk, context: ProductContext, lineContext: LineContext): FoundProducts {
  for (const container of walk.containers) {
    if (container.isArray || container.isItem || !context.topLevel.includes(container.parent)) continue;
    if (!SINGLE_PRODUCT_KEYS.has(container.key.norm)) continue;
    const read = readLine(container.value, container.path, lineContext);
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
  const numbered = findNumberedItems(walk);
  if (numbered.lines.length > 0) return numbered;
  // A spreadsheet row's or the conversion format's one product, written as the body's own fields.
  const top = findTopLevelLine(walk, context.topLevel);
  if (!top) return numbered;
  return { lines: [top.line], count: 1, main: 0, listPath: top.path, mainSources: { name: top.path } };
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
