// A bounded, process-wide memo of field names: webhooks from one sender repeat the same keys on every delivery.
//
// Tokenizing a key, weighing its role words and quoting it for paths cost far more than the Map
// lookup that replaces them, and so do the finders' questions about a key ("a city field?",
// "a total?"), which perKey answers once per key. All of these are pure functions of the key
// string, so one answer serves every payload. The memo holds at most KEY_CACHE_ENTRIES short
// keys; when full, the oldest entry goes (insertion order), so a sender inventing new keys on
// every request costs a little churn, never memory.
import { type KeyInfo, toKeyInfo } from './key-words.ts';
import { pathSegment } from './paths.ts';
import { roleWeight } from './person-roles.ts';

export interface KeyFacts {
  readonly key: KeyInfo;
  /** roleWeight(key). */
  readonly weight: number;
  /** pathSegment(raw key). */
  readonly segment: string;
}

/** The KeyInfo the walk hands out: room for the answers perKey keeps, one slot per question. */
interface MemoKey extends KeyInfo {
  readonly memo: unknown[];
}

const KEY_CACHE_ENTRIES = 4096;
/** Longer "keys" are data (form labels, JSON-ish text), seldom repeated: computed, not kept. */
const MAX_CACHED_KEY_CHARS = 64;

let cache: Map<string, KeyFacts> | undefined;

export function keyFacts(raw: string): KeyFacts {
  if (raw.length > MAX_CACHED_KEY_CHARS) return computeFacts(raw);
  cache ??= new Map();
  let facts = cache.get(raw);
  if (facts === undefined) {
    facts = computeFacts(raw);
    if (cache.size >= KEY_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(raw, facts);
  }
  return facts;
}

function computeFacts(raw: string): KeyFacts {
  const { norm, tokens } = toKeyInfo(raw);
  const key: MemoKey = { raw, norm, tokens, memo: [] };
  return { key, weight: roleWeight(key), segment: pathSegment(raw) };
}

let slots = 0;
/** Stands for a remembered `undefined`. */
const NOTHING = Symbol('nothing');

/**
 * `derive`, remembered per key: a finder's question about a key is computed once per key
 * string, not once per leaf per payload. `derive` must depend on the key alone, and what it
 * returns is shared, so it must not be mutated. Keys not from the walk (EMPTY_KEY) just compute.
 */
export function perKey<T>(derive: (key: KeyInfo) => T): (key: KeyInfo) => T {
  const slot = slots++;
  return (key) => {
    const memo = (key as Partial<MemoKey>).memo;
    if (memo === undefined) return derive(key);
    const known = memo[slot];
    if (known !== undefined) return (known === NOTHING ? undefined : known) as T;
    const answer = derive(key);
    memo[slot] = answer === undefined ? NOTHING : answer;
    return answer;
  };
}
