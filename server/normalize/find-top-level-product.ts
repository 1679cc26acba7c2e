// Finds the Proofhook conversion format's top-level productName / productLink / productImage (and common spellings) on the body or the unwrapped subject.
import { wordSet } from './key-words.ts';
import { toHttpUrl, toText } from './text-limits.ts';
import type { Primitive, Walk } from './walk-payload.ts';

const NAME_KEYS: ReadonlySet<string> = wordSet(
  'productname producttitle offertitle offername itemname coursename product',
);
const LINK_KEYS: ReadonlySet<string> = wordSet('productlink producturl offerurl itemurl');
const IMAGE_KEYS: ReadonlySet<string> = wordSet('productimage productimageurl offerimage itemimage imageurl');
/** `product: "prod_N1x…"`, `product: 42`: an id, not a name. */
const ID_LIKE = /^(?:[a-z]{2,8}_[A-Za-z0-9]+|\d+|[0-9a-f-]{16,})$/;

export interface TopLevelProduct {
  name?: { value: string; path: string };
  link?: { value: string; path: string };
  image?: { value: string; path: string };
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

/** A display name that is neither an id nor a URL. */
function readName(value: Primitive): string | undefined {
  const text = typeof value === 'string' && !ID_LIKE.test(value.trim()) ? toText(value) : undefined;
  return text !== undefined && toHttpUrl(text) === undefined ? text : undefined;
}

/** Like findTopLevelLeaf with a key set, keeping what `read` made of the accepted value. */
function readTopLevelLeaf(
  walk: Walk,
  topLevel: readonly number[],
  keys: ReadonlySet<string>,
  read: (value: Primitive) => string | undefined,
): { value: string; path: string } | undefined {
  for (const container of topLevel) {
    for (const leaf of walk.leaves) {
      if (leaf.parent !== container || leaf.isItem || !keys.has(leaf.key.norm)) continue;
      const value = read(leaf.value);
      if (value !== undefined) return { value, path: leaf.path };
    }
  }
  return undefined;
}
