// Finds the Proofhook conversion format's top-level productName / productLink / productImage (and common spellings) on the body or the unwrapped subject.
//
// Spreadsheet exports write the one product of a row the same way: `Product`, `Item`, `Item name`,
// and Shopify's order export `Lineitem name` / `Lineitem price` / `Lineitem quantity`
// (https://help.shopify.com/en/manual/fulfillment/managing-orders/exporting-orders).
import { wordSet } from './key-words.ts';
import { parseAmount } from './parse-money.ts';
import { toHttpUrl, toText } from './text-limits.ts';
import type { ProductLine } from './types.ts';
import type { Primitive, Walk } from './walk-payload.ts';

const NAME_KEYS: ReadonlySet<string> = wordSet(`
  productname producttitle offertitle offername itemname itemtitle lineitemname lineitemtitle coursename
  product item
`);
/** The unit price of that product; a bare `price` is as often the order's total, so it is left to the total. */
const PRICE_KEYS: ReadonlySet<string> = wordSet('lineitemprice itemprice productprice unitprice priceperunit');
const QUANTITY_KEYS: ReadonlySet<string> = wordSet(`
  quantity qty lineitemquantity lineitemqty itemquantity itemqty productquantity productqty
`);
const MAX_QUANTITY = 1_000_000;
const LINK_KEYS: ReadonlySet<string> = wordSet('productlink producturl offerurl itemurl');
const IMAGE_KEYS: ReadonlySet<string> = wordSet('productimage productimageurl offerimage itemimage imageurl');
/** `product: "prod_N1x…"`, `product: 42`: an id, not a name. */
const ID_LIKE = /^(?:[a-z]{2,8}_[A-Za-z0-9]+|\d+|[0-9a-f-]{16,})$/;

export interface TopLevelProduct {
  name?: { value: string; path: string };
  link?: { value: string; path: string };
  image?: { value: string; path: string };
}

/** The top-level product as a line item, with its unit price and quantity when written beside it. */
export interface TopLevelLine {
  line: ProductLine;
  /** Where its name was found. */
  path: string;
}

export function findTopLevelProduct(walk: Walk, topLevel: readonly number[]): TopLevelProduct {
  const product: TopLevelProduct = {};
  const name = readTopLevelLeaf(walk, topLevel, NAME_KEYS, readName);
  if (name) product.name = name;
  const link = readTopLevelLeaf(walk, topLevel, LINK_KEYS, toHttpUrl);
  if (link) product.link = link;
  const image = readTopLevelLeaf(walk, topLevel, IMAGE_KEYS, toHttpUrl);
  if (image) product.image = image;
  return product;
}

export function findTopLevelLine(walk: Walk, topLevel: readonly number[]): TopLevelLine | undefined {
  const { name, link, image } = findTopLevelProduct(walk, topLevel);
  if (!name) return undefined;
  const line: ProductLine = { name: name.value };
  if (link) line.link = link.value;
  if (image) line.image = image.value;
  const price = readTopLevelLeaf(walk, topLevel, PRICE_KEYS, readAmount);
  if (price) line.price = price.value;
  const quantity = readTopLevelLeaf(walk, topLevel, QUANTITY_KEYS, readAmount);
  if (quantity && quantity.value > 0 && quantity.value <= MAX_QUANTITY) line.quantity = quantity.value;
  return { line, path: name.path };
}

function readAmount(value: Primitive): number | undefined {
  return parseAmount(value)?.amount;
}

/** A display name that is neither an id nor a URL. */
function readName(value: Primitive): string | undefined {
  const text = typeof value === 'string' && !ID_LIKE.test(value.trim()) ? toText(value) : undefined;
  return text !== undefined && toHttpUrl(text) === undefined ? text : undefined;
}

/** Like findTopLevelLeaf with a key set, keeping what `read` made of the accepted value. */
function readTopLevelLeaf<T>(
  walk: Walk,
  topLevel: readonly number[],
  keys: ReadonlySet<string>,
  read: (value: Primitive) => T | undefined,
): { value: T; path: string } | undefined {
  for (const container of topLevel) {
    for (const leaf of walk.leaves) {
      if (leaf.parent !== container || leaf.isItem || !keys.has(leaf.key.norm)) continue;
      const value = read(leaf.value);
      if (value !== undefined) return { value, path: leaf.path };
    }
  }
  return undefined;
}
