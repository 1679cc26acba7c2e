// Picks the converting person's email: the Proofhook conversion format's top-level `email` first, else the best-scored address anywhere in the payload.
import { extractEmails, isWholeValue } from './extract-emails.ts';
import { isNoReplyLocal, isSharedInboxLocal } from './shared-inboxes.ts';
import type { Leaf, Walk } from './walk-payload.ts';

export interface FoundEmail {
  readonly email: string;
  readonly leaf: Leaf;
}

const TOP_LEVEL_BONUS = 100;
const EMAIL_KEY_WHOLE = 4;
const OTHER_KEY_WHOLE = 1.5;
const EMAIL_KEY_IN_TEXT = 2;
const DEPTH_PENALTY = 0.15;
const REPEAT_BONUS = 0.5;
const MAX_REPEAT_BONUS = 1.5;
/** Nobody reads these: never the converter, even at the top level. */
const NO_REPLY_PENALTY = 8;
/** Usually the business: a personal address beats them. */
const SHARED_INBOX_PENALTY = 2;

function isEmailKey(leaf: Leaf): boolean {
  return leaf.key.norm.includes('email') || leaf.key.tokens.includes('mail') || leaf.key.tokens.includes('mails');
}

export function findEmail(walk: Walk, topLevel: readonly number[]): FoundEmail | undefined {
  const best = new Map<string, { score: number; leaf: Leaf; count: number }>();
  for (const leaf of walk.leaves) {
    if (typeof leaf.value !== 'string' || !leaf.value.includes('@')) continue;
    const emails = extractEmails(leaf.value);
    for (const email of emails) {
      const score = scoreEmail(leaf, email, emails.length === 1 && isWholeValue(leaf.value, email), topLevel);
      const previous = best.get(email);
      if (!previous) best.set(email, { score, leaf, count: 1 });
      else {
        previous.count++;
        if (score > previous.score) {
          previous.score = score;
          previous.leaf = leaf;
        }
      }
    }
  }
  let winner: FoundEmail | undefined;
  let winnerScore = Number.NEGATIVE_INFINITY;
  for (const [email, { score, leaf, count }] of best) {
    // The same address in several places (customer_email + customer_details.email) is more likely the buyer.
    const total = score + Math.min(MAX_REPEAT_BONUS, (count - 1) * REPEAT_BONUS);
    if (total > winnerScore || (total === winnerScore && winner && leaf.index < winner.leaf.index)) {
      winner = { email, leaf };
      winnerScore = total;
    }
  }
  return winner;
}

function scoreEmail(leaf: Leaf, email: string, whole: boolean, topLevel: readonly number[]): number {
  const local = email.slice(0, email.indexOf('@'));
  const emailKey = isEmailKey(leaf);
  let score = whole ? (emailKey ? EMAIL_KEY_WHOLE : OTHER_KEY_WHOLE) : emailKey ? EMAIL_KEY_IN_TEXT : 0;
  score += leaf.role - DEPTH_PENALTY * leaf.depth;
  if (isNoReplyLocal(local)) return score - NO_REPLY_PENALTY;
  if (isSharedInboxLocal(local)) score -= SHARED_INBOX_PENALTY;
  if (whole && leaf.key.norm === 'email' && !leaf.isItem && topLevel.includes(leaf.parent)) score += TOP_LEVEL_BONUS;
  return score;
}
