// Field names that say their amount is in the currency's minor units: `amount_cents`, `priceInCents`, `total_minor`, `amount_in_paise`.

/** Joined-key endings, longest first; `cent` alone is left out (`percent`). */
const MINOR_SUFFIXES = ['minorunits', 'minorunit', 'minor', 'cents', 'paise', 'pence'] as const;
const MINOR_WORDS: ReadonlySet<string> = new Set(['minor', 'cents', 'paise', 'pence']);

/** `amountincents` → `amount`, `totalminor` → `total`; undefined when the key does not say minor units. */
export function minorUnitBase(norm: string): string | undefined {
  for (const suffix of MINOR_SUFFIXES) {
    if (norm.length <= suffix.length || !norm.endsWith(suffix)) continue;
    const base = norm.slice(0, -suffix.length);
    return base.length > 2 && base.endsWith('in') ? base.slice(0, -2) : base;
  }
  return undefined;
}

/** The key's words without a trailing minor-unit phrase (`amount in cents`, `total minor units`), or undefined when it has none. */
export function withoutMinorWords(tokens: readonly string[]): readonly string[] | undefined {
  let end = tokens.length;
  if (end > 1 && (tokens[end - 1] === 'units' || tokens[end - 1] === 'unit') && tokens[end - 2] === 'minor') end--;
  if (end === 0 || !MINOR_WORDS.has(tokens[end - 1] as string)) return undefined;
  end--;
  if (end > 0 && tokens[end - 1] === 'in') end--;
  return tokens.slice(0, end);
}
