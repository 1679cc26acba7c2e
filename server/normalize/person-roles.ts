// Who a field belongs to: words in a key path that point at the converting person (+) or at the business or third parties (−).
import type { KeyInfo } from './key-words.ts';

/**
 * Weights per key word. Positive: the person who bought, subscribed or booked. Negative: the
 * merchant, its staff, hosts and referrers, and mail plumbing. `user` and `contact` are weak
 * because both sides use them; `memberships` is a team list (Calendly's event hosts).
 */
const ROLE_WEIGHTS: ReadonlyMap<string, number> = new Map([
  ['customer', 3],
  ['buyer', 3],
  ['purchaser', 3],
  ['payer', 3],
  ['shopper', 3],
  ['subscriber', 3],
  ['invitee', 3],
  ['submitter', 3],
  ['respondent', 3],
  ['attendee', 3],
  ['registrant', 3],
  ['donor', 3],
  ['backer', 3],
  ['supporter', 3],
  ['patron', 3],
  ['billing', 2],
  ['bill', 2],
  ['member', 2],
  ['lead', 2],
  ['client', 2],
  ['student', 2],
  ['learner', 2],
  ['participant', 2],
  ['applicant', 2],
  ['patient', 2],
  ['enrollee', 2],
  ['receipt', 2],
  ['contact', 1],
  ['user', 1],
  ['person', 1],
  ['shipping', 1],
  ['merchant', -4],
  ['seller', -4],
  ['support', -4],
  ['affiliate', -4],
  ['referrer', -4],
  ['admin', -4],
  ['administrator', -4],
  ['webmaster', -4],
  ['owner', -3],
  ['payee', -3],
  ['referral', -3],
  ['referred', -3],
  ['referer', -3],
  ['host', -3],
  ['reply', -3],
  ['replyto', -3],
  ['from', -3],
  ['sender', -3],
  ['store', -3],
  ['shop', -3],
  ['organizer', -3],
  ['organiser', -3],
  ['vendor', -3],
  ['business', -3],
  ['staff', -3],
  ['partner', -3],
  ['reseller', -3],
  ['operator', -3],
  ['company', -2],
  ['agent', -2],
  ['notification', -2],
  ['notify', -2],
  ['team', -2],
  ['creator', -2],
  ['manager', -2],
  ['instructor', -2],
  ['employee', -2],
  ['assignee', -2],
  ['memberships', -2],
  ['cc', -2],
  ['bcc', -2],
  ['site', -1],
  ['account', -1],
]);

/** A compound is a role word (5+ letters) plus another word (3+): `storeemail`, `customername`. */
const MIN_COMPOUND_CHARS = 8;
/** Words long enough to find inside an unsplit compound key (`customeremail`, `storeemail`). */
const COMPOUND_WORDS: readonly [string, number][] = [...ROLE_WEIGHTS].filter(([word]) => word.length >= 5);
/**
 * Whether any of them occurs at all: one regex pass instead of a scan per word, for every
 * single-word key. The ordered scan still decides which word counts (the first in the list).
 */
const ANY_COMPOUND_WORD = new RegExp(COMPOUND_WORDS.map(([word]) => word).join('|'));

function tokenWeight(token: string): number {
  const weight = ROLE_WEIGHTS.get(token);
  if (weight !== undefined) return weight;
  return token.length > 3 && token.endsWith('s') ? (ROLE_WEIGHTS.get(token.slice(0, -1)) ?? 0) : 0;
}

/** One long key (`customer_buyer_payer_email`) cannot outweigh the path. */
const MAX_KEY_WEIGHT = 6;

/** The role weight of one key, clamped. */
export function roleWeight(key: KeyInfo): number {
  const { tokens } = key;
  let sum = 0;
  for (let i = 0; i < tokens.length; i++) {
    // PayPal's `admin_area_1` is a state, not an administrator.
    if (tokens[i] === 'admin' && tokens[i + 1] === 'area') continue;
    sum += tokenWeight(tokens[i] as string);
  }
  if (sum === 0 && tokens.length === 1 && key.norm.length >= MIN_COMPOUND_CHARS && ANY_COMPOUND_WORD.test(key.norm)) {
    for (let i = 0; i < COMPOUND_WORDS.length; i++) {
      const [word, weight] = COMPOUND_WORDS[i] as [string, number];
      if (key.norm.includes(word)) return weight;
    }
  }
  return Math.max(-MAX_KEY_WEIGHT, Math.min(MAX_KEY_WEIGHT, sum));
}

/** How much a parent's role counts for its children: the nearest owner word matters most. */
export const ROLE_DECAY = 0.6;
