// Turns flat form keys (`data[merges][EMAIL]`, `products[0][price]`) into nested objects, as qs would, without trusting key names.

const BRACKET_KEY = /^([^[\]]+)((?:\[[^[\]]*\])+)$/;
const MAX_BRACKET_KEY_CHARS = 512;
const MAX_SEGMENTS = 16;
/** `a[99999]` stays an object key instead of becoming a huge sparse array. */
const MAX_ARRAY_INDEX = 10_000;

export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** UNSAFE_KEYS.has(key) behind a length test (9 or 11 characters): it runs for every key of every object. */
export function isUnsafeKey(key: string): boolean {
  return (key.length === 9 || key.length === 11) && UNSAFE_KEYS.has(key);
}

type Tree = Record<string, unknown>;

export function splitBracketKey(key: string): string[] | undefined {
  if (key.length > MAX_BRACKET_KEY_CHARS || !key.includes('[')) return undefined;
  const match = BRACKET_KEY.exec(key);
  if (!match) return undefined;
  const segments = [match[1] as string, ...(match[2] as string).slice(1, -1).split('][')];
  return segments.length > MAX_SEGMENTS ? undefined : segments;
}

export function hasBracketKeys(keys: readonly string[]): boolean {
  for (const key of keys) if (key.includes('[') && splitBracketKey(key) !== undefined) return true;
  return false;
}

/**
 * A nested copy of `source`. The containers it creates have a null prototype, so no key can
 * reach Object.prototype; `__proto__`, `constructor` and `prototype` segments are dropped.
 * On conflicts (`a=1` and `a[b]=2`) the first value wins, like qs.
 */
export function nestBracketKeys(source: Readonly<Record<string, unknown>>, keys: readonly string[]): Tree {
  const root: Tree = Object.create(null);
  const created = new Set<Tree>([root]);
  for (const key of keys) {
    if (UNSAFE_KEYS.has(key)) continue;
    const value = source[key];
    const segments = splitBracketKey(key);
    if (!segments) {
      if (!Object.hasOwn(root, key)) root[key] = value;
      continue;
    }
    if (segments.some((segment) => UNSAFE_KEYS.has(segment))) continue;
    let node: Tree | undefined = root;
    for (let i = 0; i < segments.length - 1 && node; i++) {
      const segment = nameSegment(node, segments[i] as string);
      const existing: unknown = node[segment];
      if (existing === undefined) {
        const child: Tree = Object.create(null);
        node[segment] = child;
        created.add(child);
        node = child;
      } else {
        node = created.has(existing as Tree) ? (existing as Tree) : undefined;
      }
    }
    if (!node) continue;
    const last = nameSegment(node, segments[segments.length - 1] as string);
    if (node[last] === undefined) node[last] = value;
  }
  return toArrays(root, created, 0) as Tree;
}

/** `a[]` appends. */
function nameSegment(node: Tree, segment: string): string {
  return segment === '' ? String(Object.keys(node).length) : segment;
}

/** Created objects whose keys are exactly 0…n−1 become arrays (bounded recursion: ≤ MAX_SEGMENTS levels). */
function toArrays(node: Tree, created: ReadonlySet<Tree>, depth: number): unknown {
  const keys = Object.keys(node);
  for (const key of keys) {
    const child = node[key];
    if (depth < MAX_SEGMENTS && created.has(child as Tree)) node[key] = toArrays(child as Tree, created, depth + 1);
  }
  if (depth === 0 || keys.length === 0 || keys.length > MAX_ARRAY_INDEX) return node;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== String(i)) return node;
  return keys.map((key) => node[key]);
}
