// matchKey for the finders' per-leaf loops: the same answers from tables built once per vocabulary.
//
// A finder asks every leaf's key "which of my words is this?"; matchKey answers by scanning its
// bases for single-word compounds (`billingcity`), and a finder with five vocabularies asked five
// times. Here a single-word key costs one Map lookup per finder, whatever the vocabulary sizes.
import { type KeyInfo, MAX_PREFIX_TOKENS, matchPrefixedWords } from './key-words.ts';

export type KeyMatcher = (key: KeyInfo) => string | undefined;

/** `matchKey(key, bases, prefixes)` with fixed sets. */
export function keyMatcher(bases: ReadonlySet<string>, prefixes: ReadonlySet<string>): KeyMatcher {
  let singleWords: Map<string, string> | undefined;
  return (key) => {
    if (key.tokens.length > 1) return bases.has(key.norm) ? key.norm : matchPrefixedWords(key, bases, prefixes);
    singleWords ??= singleWordTable([bases], prefixes, (_, base) => base);
    return singleWords.get(key.norm);
  };
}

/**
 * The first kind, in the order given, whose bases the key names: what calling matchKey for each
 * kind in turn would answer. The kinds share one prefix list (a finder's qualifying words).
 */
export function keyClassifier<K>(
  kinds: readonly (readonly [K, ReadonlySet<string>])[],
  prefixes: ReadonlySet<string>,
): (key: KeyInfo) => K | undefined {
  let tables: { singleWords: Map<string, number>; bases: Map<string, number> } | undefined;
  return (key) => {
    tables ??= {
      singleWords: singleWordTable(
        kinds.map(([, bases]) => bases),
        prefixes,
        (kind) => kind,
      ),
      bases: baseTable(kinds.map(([, bases]) => bases)),
    };
    const kind =
      key.tokens.length > 1 ? firstKindOfWords(key, tables.bases, prefixes) : tables.singleWords.get(key.norm);
    return kind === undefined ? undefined : (kinds[kind] as readonly [K, ReadonlySet<string>])[0];
  };
}

/**
 * Every base and every prefix+base compound, mapped by `label`. Bases go in before compounds
 * (matchKey tries the key itself first) and earlier vocabularies and bases before later ones
 * (the order matchKey and the finders scan them in), so the first entry for a word is the answer.
 */
function singleWordTable<T>(
  vocabularies: readonly ReadonlySet<string>[],
  prefixes: ReadonlySet<string>,
  label: (kind: number, base: string) => T,
): Map<string, T> {
  const table = new Map<string, T>();
  vocabularies.forEach((bases, kind) => {
    for (const base of bases) if (!table.has(base)) table.set(base, label(kind, base));
    for (const base of bases) {
      for (const prefix of prefixes) {
        const compound = prefix + base;
        if (prefix !== '' && !table.has(compound)) table.set(compound, label(kind, base));
      }
    }
  });
  return table;
}

/** Each base to the first vocabulary that has it. */
function baseTable(vocabularies: readonly ReadonlySet<string>[]): Map<string, number> {
  const table = new Map<string, number>();
  vocabularies.forEach((bases, kind) => {
    for (const base of bases) if (!table.has(base)) table.set(base, kind);
  });
  return table;
}

/**
 * A multi-word key names a kind through its whole norm or through the rest after leading
 * prefix words (matchPrefixedWords); the earliest kind reached either way wins.
 */
function firstKindOfWords(
  key: KeyInfo,
  bases: ReadonlyMap<string, number>,
  prefixes: ReadonlySet<string>,
): number | undefined {
  let best = bases.get(key.norm);
  const { tokens } = key;
  let rest = key.norm;
  for (let i = 0; i < tokens.length - 1 && i < MAX_PREFIX_TOKENS; i++) {
    const token = tokens[i] as string;
    if (!prefixes.has(token)) break;
    rest = rest.slice(token.length);
    const kind = bases.get(rest);
    if (kind !== undefined && (best === undefined || kind < best)) best = kind;
  }
  return best;
}
