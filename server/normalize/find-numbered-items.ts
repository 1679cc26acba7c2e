// Numbered item fields on the body read as line items: `item_name1`, `quantity1`, `mc_gross_1` (PayPal's cart variables, many order forms).
import type { FoundProducts } from './found-products.ts';
import { perKey } from './key-cache.ts';
import type { KeyInfo } from './key-words.ts';
import { parseAmount } from './parse-money.ts';
import { toText } from './text-limits.ts';
import type { ProductLine } from './types.ts';
import type { Leaf, Walk } from './walk-payload.ts';

type Part = 'name' | 'id' | 'quantity' | 'price' | 'lineTotal';

/** The joined key without its number (`item_name1` → `itemname`), and what it holds. */
const STEMS: ReadonlyMap<string, Part> = new Map([
  ['itemname', 'name'],
  ['productname', 'name'],
  ['itemtitle', 'name'],
  ['producttitle', 'name'],
  ['itemnumber', 'id'],
  ['itemid', 'id'],
  ['productid', 'id'],
  ['sku', 'id'],
  ['quantity', 'quantity'],
  ['qty', 'quantity'],
  ['amount', 'price'],
  ['price', 'price'],
  ['itemprice', 'price'],
  ['unitprice', 'price'],
  ['itemamount', 'price'],
  // PayPal's mc_gross_x is the line's gross: quantity × price (https://developer.paypal.com/api/nvp-soap/ipn/IPNandPDTVariables/).
  ['mcgross', 'lineTotal'],
  ['linetotal', 'lineTotal'],
  ['itemtotal', 'lineTotal'],
]);
const MAX_LINES = 100;
const MAX_QUANTITY = 1_000_000;

const numberedKey = perKey((key: KeyInfo): { part: Part; n: number } | undefined => {
  const { tokens } = key;
  const last = tokens[tokens.length - 1] as string;
  if (tokens.length < 2 || last.length > 3 || !/^\d+$/.test(last)) return undefined;
  const part = STEMS.get(key.norm.slice(0, -last.length));
  return part && { part, n: Number(last) };
});

const NOTHING: FoundProducts = { lines: [], count: 0, mainSources: {} };

export function findNumberedItems(walk: Walk): FoundProducts {
  let numbered: Map<number, Partial<Record<Part, Leaf>>> | undefined;
  // The body's own fields come first in the walk (breadth first).
  for (const leaf of walk.leaves) {
    if (leaf.depth > 1) break;
    if (leaf.parent !== 0 || leaf.isItem) continue;
    const found = numberedKey(leaf.key);
    if (!found) continue;
    numbered ??= new Map();
    const entry = numbered.get(found.n) ?? {};
    if (!numbered.has(found.n)) {
      if (numbered.size >= MAX_LINES) continue;
      numbered.set(found.n, entry);
    }
    entry[found.part] ??= leaf;
  }
  if (!numbered) return NOTHING;
  const lines: ProductLine[] = [];
  const names: string[] = [];
  for (const n of [...numbered.keys()].sort((a, b) => a - b)) {
    const parts = numbered.get(n) as Partial<Record<Part, Leaf>>;
    const name = parts.name && toText(parts.name.value);
    if (!name || !parts.name) continue;
    const line: ProductLine = { name };
    const id = parts.id && toText(parts.id.value);
    if (id) line.id = id;
    const quantity = parts.quantity && parseAmount(parts.quantity.value)?.amount;
    if (quantity && quantity <= MAX_QUANTITY) line.quantity = quantity;
    const unit = parts.price && parseAmount(parts.price.value)?.amount;
    const lineTotal = parts.lineTotal && parseAmount(parts.lineTotal.value)?.amount;
    if (unit !== undefined) line.price = unit;
    else if (lineTotal !== undefined) line.price = Math.round((lineTotal / (line.quantity ?? 1)) * 10_000) / 10_000;
    lines.push(line);
    names.push(parts.name.path);
  }
  if (lines.length === 0) return NOTHING;
  let main = 0;
  lines.forEach((line, i) => {
    const best = lines[main]?.price;
    if (line.price !== undefined && (best === undefined || line.price > best)) main = i;
  });
  return {
    lines,
    count: lines.length,
    main,
    listPath: names[0] as string,
    mainSources: { name: names[main] as string },
  };
}
