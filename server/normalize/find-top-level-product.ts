// Finds 003's top-level productName / productLink / productImage (and common spellings) on the body or the unwrapped subject.
import { findTopLevelLeaf } from './envelopes.ts';
import { wordSet } from './key-words.ts';
import { toHttpUrl, toText } from './text-limits.ts';
import type { Walk } from './walk-payload.ts';

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
  const name = findTopLevelLeaf(
    walk,
    topLevel,
    (key) => NAME_KEYS.has(key.norm),
    (leaf) => {
      const text = typeof leaf.value === 'string' && !ID_LIKE.test(leaf.value.trim()) ? toText(leaf.value) : undefined;
      return text !== undefined && toHttpUrl(text) === undefined;
    },
  );
  const nameText = name && toText(name.value);
  if (name && nameText) product.name = { value: nameText, path: name.path };
  const link = findTopLevelLeaf(
    walk,
    topLevel,
    (key) => LINK_KEYS.has(key.norm),
    (leaf) => toHttpUrl(leaf.value) !== undefined,
  );
  if (link) product.link = { value: toHttpUrl(link.value) as string, path: link.path };
  const image = findTopLevelLeaf(
    walk,
    topLevel,
    (key) => IMAGE_KEYS.has(key.norm),
    (leaf) => toHttpUrl(leaf.value) !== undefined,
  );
  if (image) product.image = { value: toHttpUrl(image.value) as string, path: image.path };
  return product;
}
