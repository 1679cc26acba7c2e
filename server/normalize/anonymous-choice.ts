// Whether the person chose not to be named: a donation, order or form answer marked anonymous.
//
// Donation and tip forms let the giver stay anonymous and still send the giver's record (Donorbox's
// `anonymous_donation`, https://donorbox.zendesk.com/hc/en-us/articles/4733681068820-Custom-Webhooks);
// forms send the same choice as a yes/no answer. Then no name may be shown: neither the one sent
// nor one read from the email.
import { perKey } from './key-cache.ts';
import type { KeyInfo } from './key-words.ts';
import type { Leaf, Walk } from './walk-payload.ts';

/** Words that may stand before `anonymous` in such a flag: `is_anonymous`, `donate_as_anonymous`. */
const BEFORE = 'is|make|made|stay|remain|be|keep|kept|donate|donated|give|given|gift|pay|paid|post|mark|marked|as';
/** Words that may follow it: the thing kept anonymous (`anonymous_donation`, `anonymousDonor`). */
const AFTER =
  'donation|donor|gift|giver|purchase|order|payment|payer|supporter|support|contribution|contributor|pledge|tip|checkout|customer|buyer|backer|member|user|sponsor';
/**
 * The flag's whole name, separators removed. A setting that merely allows anonymity
 * (`allow_anonymous`, `anonymous_donations_enabled`) is none of these.
 */
const ANONYMOUS_FLAG = new RegExp(`^(?:(?:${BEFORE})){0,2}anonymous(?:ly)?(?:${AFTER})?$`);
/** Yes-values as JSON, forms and spreadsheets write them. */
const YES: ReadonlySet<string> = new Set(['true', 'yes', 'y', '1', 'on', 'checked']);
/** A flag inside the merchant's or a third party's record says nothing about the person. */
const MIN_ROLE = -0.5;

const isAnonymousFlagKey = perKey((key: KeyInfo) => ANONYMOUS_FLAG.test(key.norm));

/** The leaf that says the person chose anonymity, if any. */
export function findAnonymousChoice(walk: Walk): Leaf | undefined {
  for (const leaf of walk.leaves) {
    if (leaf.role < MIN_ROLE || !isAnonymousFlagKey(leaf.key)) continue;
    if (isYes(leaf.value)) return leaf;
  }
  return undefined;
}

function isYes(value: Leaf['value']): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  return value.length <= 16 && YES.has(value.trim().toLowerCase());
}

/** A name that says it is none: "Anonymous", "Anonymous donor", "Anon". */
export function isAnonymousName(text: string): boolean {
  return /^\s*anon(?:ymous)?(?:\s|$)/i.test(text);
}
