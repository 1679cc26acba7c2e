// Finds the converting person's first and last name, preferring the record the chosen email came from; else guesses from the email.
import type { FoundEmail } from './find-email.ts';
import { perKey } from './key-cache.ts';
import { keyClassifier } from './key-matchers.ts';
import { hasToken, type KeyInfo, wordSet } from './key-words.ts';
import { cleanName, nameFromEmail, splitFullName } from './person-name.ts';
import { areNear, type Container, type Leaf, type Walk } from './walk-payload.ts';

export interface FoundNames {
  firstName?: string;
  lastName?: string;
  firstSource?: string;
  lastSource?: string;
  derived: boolean;
}

const FIRST_BASES: ReadonlySet<string> = wordSet('firstname fname givenname forename vorname prenom nombre');
const LAST_BASES: ReadonlySet<string> = wordSet('lastname lname surname familyname nachname apellido apellidos');
const FULL_BASES: ReadonlySet<string> = new Set(['name', 'fullname', 'displayname', 'completename', 'yourname']);
/** Words that may qualify a name key: `billing_first_name`, `customerName`, `full_name`. */
const NAME_PREFIXES: ReadonlySet<string> = wordSet(`
  customer billing bill shipping ship buyer payer purchaser shopper member user contact subscriber
  client student attendee invitee respondent submitter lead person participant registrant donor guest
  full display legal primary your my card cardholder holder
`);
const NOT_PERSON_NAMES: ReadonlySet<string> = new Set(['username', 'nickname', 'screenname', 'loginname']);
/** A bare `name` under these is a product, event, form, company…, not a person. */
const THING_WORDS: ReadonlySet<string> = wordSet(`
  product products item items line lines offer offers plan course event form list tag tags site store
  shop company organization organisation business campaign audience page category categories variant
  price definition field fields question questions file team group app merchant brand coupon discount
  method gateway bank country city state region province location membership memberships account
  workspace project service ticket attribute attributes properties meta metadata source medium utm
`);
const SAME_RECORD_BONUS = 10;
const NEAR_RECORD_BONUS = 4;
const DEPTH_PENALTY = 0.1;
/** How far up a bare `name` is checked for a product/event/form owner. */
const THING_STEPS = 3;

type Kind = 'first' | 'last' | 'full';
const nameKeyKind = keyClassifier<Kind>(
  [
    ['first', FIRST_BASES],
    ['last', LAST_BASES],
    ['full', FULL_BASES],
  ],
  NAME_PREFIXES,
);
/** What a key says about a person's name, before looking at where it sits. */
const personKeyKind = perKey((key) => (NOT_PERSON_NAMES.has(key.norm) ? undefined : nameKeyKind(key)));
/** A record named like a product, event, form… whose `name` is not a person's. */
const isThingKey = perKey((key) => hasToken(key, THING_WORDS) || thingCompound(key));

interface Candidate {
  first?: Leaf;
  /** cleanName(first.value), kept from the check that admitted `first`. */
  firstName?: string;
  last?: Leaf;
  full?: Leaf;
}

export function findNames(walk: Walk, email: FoundEmail | undefined): FoundNames {
  const groups = new Map<number, Candidate>();
  for (const leaf of walk.leaves) {
    if (typeof leaf.value !== 'string') continue;
    const kind = nameKind(walk, leaf, email);
    if (!kind) continue;
    const candidate = groups.get(leaf.group) ?? {};
    groups.set(leaf.group, candidate);
    if (candidate[kind]) continue;
    const cleaned = cleanName(leaf.value);
    if (cleaned === undefined) continue;
    candidate[kind] = leaf;
    if (kind === 'first') candidate.firstName = cleaned;
  }

  const emailGroup = email?.leaf.group;
  let best: { candidate: Candidate; score: number } | undefined;
  for (const [group, candidate] of groups) {
    if (!candidate.first && !candidate.full) continue;
    const container = walk.containers[group];
    let score = (container?.role ?? 0) - DEPTH_PENALTY * (container?.depth ?? 0);
    if (emailGroup !== undefined) {
      if (group === emailGroup) score += SAME_RECORD_BONUS;
      else if (areNear(walk, group, emailGroup)) score += NEAR_RECORD_BONUS;
    }
    if (!best || score > best.score) best = { candidate, score };
  }

  if (best) {
    const names = namesOf(best.candidate);
    if (names.firstName) return names;
  }
  if (!email) return { derived: false };
  const guessed = nameFromEmail(email.email);
  if (!guessed.first) return { derived: false };
  return {
    firstName: guessed.first,
    firstSource: email.leaf.path,
    ...(guessed.last && { lastName: guessed.last, lastSource: email.leaf.path }),
    derived: true,
  };
}

function namesOf(candidate: Candidate): FoundNames {
  const full = candidate.full ? splitFullName(String(candidate.full.value).trim()) : {};
  const firstLeaf = candidate.first;
  const firstName = firstLeaf ? candidate.firstName : full.first && cleanName(full.first);
  if (!firstName) return { derived: false };
  const firstSource = firstLeaf ? firstLeaf.path : (candidate.full as Leaf).path;
  const lastFromKey = candidate.last ? cleanName(String(candidate.last.value), true) : undefined;
  const lastName = lastFromKey ?? (full.last && cleanName(full.last, true));
  const lastSource = lastFromKey ? candidate.last?.path : candidate.full?.path;
  const names: FoundNames = { firstName, firstSource, derived: false };
  if (lastName && lastSource) {
    names.lastName = lastName;
    names.lastSource = lastSource;
  }
  return names;
}

function nameKind(walk: Walk, leaf: Leaf, email: FoundEmail | undefined): Kind | undefined {
  const key = leaf.key;
  const kind = personKeyKind(key);
  if (kind === undefined || leaf.role < -0.5) return undefined;
  if (kind !== 'full' || key.norm !== 'name') return kind;
  // A bare `name` is a person only in the email's record or under a person word, and not inside a thing.
  if (email && leaf.group === email.leaf.group && !leaf.isItem)
    return isInsideThing(walk, leaf.parent, 1) ? undefined : 'full';
  const container = walk.containers[leaf.parent];
  return container && container.role > 0 && !isInsideThing(walk, leaf.parent, THING_STEPS) ? 'full' : undefined;
}

function isInsideThing(walk: Walk, start: number, steps: number): boolean {
  let index = start;
  for (let i = 0; i < steps && index >= 0; i++) {
    const container = walk.containers[index] as Container;
    if (isThingKey(container.key)) return true;
    index = container.parent;
  }
  return false;
}

function thingCompound(key: KeyInfo): boolean {
  return key.tokens.length === 1 && /(?:product|item|event|form|company|store|shop|plan|offer)s?$/.test(key.norm);
}
