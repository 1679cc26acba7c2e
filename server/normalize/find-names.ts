// Finds the converting person's first and last name, preferring the record the chosen email came from; else guesses from the email.
import { findAnonymousChoice, isAnonymousName } from './anonymous-choice.ts';
import { findDisplayName } from './display-name.ts';
import type { FoundEmail } from './find-email.ts';
import { keyFacts, perKey } from './key-cache.ts';
import { keyClassifier } from './key-matchers.ts';
import { hasToken, type KeyInfo, toKeyInfo, wordSet } from './key-words.ts';
import { cleanName, isBlankName, nameFromEmail, splitFirstNameField, splitFullName } from './person-name.ts';
import { isSharedInboxLocal } from './shared-inboxes.ts';
import { areNear, type Container, type Leaf, ownValue, type Walk } from './walk-payload.ts';

export interface FoundNames {
  firstName?: string;
  lastName?: string;
  firstSource?: string;
  lastSource?: string;
  derived: boolean;
}

/** `first` and `last` alone (FastSpring's `customer.first`) count only in a person's record: see nameKind. */
const FIRST_BASES: ReadonlySet<string> = wordSet('firstname fname givenname forename vorname prenom nombre first');
const LAST_BASES: ReadonlySet<string> = wordSet('lastname lname surname familyname nachname apellido apellidos last');
const FULL_BASES: ReadonlySet<string> = new Set(['name', 'fullname', 'displayname', 'completename', 'yourname']);
/** Words that may qualify a name key: `billing_first_name`, `customerName`, `full_name`. */
const NAME_PREFIXES: ReadonlySet<string> = wordSet(`
  customer billing bill shipping ship buyer payer purchaser shopper member user contact subscriber
  client student attendee invitee respondent submitter lead person participant registrant donor guest
  full display legal primary your my card cardholder holder supporter patron sponsor backer address from
`);
/** Keys that say "the sender of this" (`from_name`): a mail's sender, or the payer of a donation. */
const FROM_WORD = 'from';
/** Free-form bags (`metadata`, `custom_fields`): a bare `name` beside the chosen email in one is the person's. */
const BAG_WORDS: ReadonlySet<string> = wordSet('meta metadata custom customdata fields properties attributes extra');
const NOT_PERSON_NAMES: ReadonlySet<string> = new Set(['username', 'nickname', 'screenname', 'loginname']);
/** A bare `name` under these is a product, event, form, company…, not a person. */
const THING_WORDS: ReadonlySet<string> = wordSet(`
  product products item items line lines offer offers plan course event form list tag tags site store
  shop company organization organisation business campaign audience page category categories variant
  price definition field fields question questions file team group app merchant brand coupon discount
  method gateway bank country city state region province location membership memberships account
  workspace project service ticket attribute attributes properties meta metadata source medium utm
`);
/** Fields in which a record says what it is (Stripe's `object`, JSON:API's `type`). */
const TYPE_KEYS = ['object', 'type', 'kind', 'resource', 'entity'] as const;
/** Fields only a product's own record has. */
const THING_FIELDS = ['sku', 'slug', 'handle', 'variants', 'inventory'] as const;
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
  last?: Leaf;
  /** cleanName(last.value, true), kept from the check that admitted `last`. */
  lastName?: string;
  full?: Leaf;
}

/** "Ann Lee <ann@x.com>": the name written with the address, unless the address is a shared inbox's. */
function displayNameOf(email: FoundEmail): FoundNames | undefined {
  const { value } = email.leaf;
  if (typeof value !== 'string' || isSharedInboxLocal(email.email.slice(0, email.email.indexOf('@')))) return undefined;
  const phrase = findDisplayName(value, email.email);
  const parts = phrase && cleanName(phrase) ? splitFullName(phrase) : {};
  const firstName = parts.first && cleanName(parts.first);
  if (!firstName) return undefined;
  const lastName = parts.last && cleanName(parts.last, true);
  const path = email.leaf.path;
  return { firstName, firstSource: path, ...(lastName && { lastName, lastSource: path }), derived: false };
}

/** One-value arrays (`first_name: ["Ann"]`, Unbounce's form fields) belong to the record holding the array. */
const MAX_SINGLE_VALUE_ITEMS = 2;

export function findNames(walk: Walk, email: FoundEmail | undefined): FoundNames {
  // The person chose to stay anonymous: no name, not even one read from the email.
  if (findAnonymousChoice(walk)) return { derived: false };
  const groups = new Map<number, Candidate>();
  const emailRecord = email && recordOf(walk, email.leaf);
  // A first name that is there but is no name (markup, digits, a URL, "guest") is the person's
  // refusal: no name is then made up from the email.
  let refused = false;
  for (const leaf of walk.leaves) {
    if (typeof leaf.value !== 'string') continue;
    const record = recordOf(walk, leaf);
    const kind = nameKind(walk, leaf, record, emailRecord);
    if (!kind) continue;
    const candidate = groups.get(record) ?? {};
    groups.set(record, candidate);
    if (candidate[kind]) continue;
    // "Anonymous" (or "Anonymous donor") in the person's name field: no name from anywhere else either.
    if (kind !== 'last' && isAnonymousName(leaf.value)) return { derived: false };
    const cleaned = cleanName(leaf.value, kind === 'last');
    if (cleaned === undefined) {
      if (kind !== 'last' && leaf.key.norm !== 'name' && !isBlankName(leaf.value)) refused = true;
      continue;
    }
    candidate[kind] = leaf;
    if (kind === 'last') candidate.lastName = cleaned;
  }

  let best: { record: number; candidate: Candidate; score: number } | undefined;
  for (const [record, candidate] of groups) {
    if (!candidate.first && !candidate.full) continue;
    const container = walk.containers[record];
    let score = (container?.role ?? 0) - DEPTH_PENALTY * (container?.depth ?? 0);
    if (emailRecord !== undefined) {
      if (record === emailRecord) score += SAME_RECORD_BONUS;
      else if (areNear(walk, record, emailRecord)) score += NEAR_RECORD_BONUS;
    }
    if (!best || score > best.score) best = { record, candidate, score };
  }

  if (best) {
    const names = namesOf(best.candidate, best.candidate.last ? undefined : nearLast(walk, groups, best.record));
    if (names.firstName) return names;
  }
  if (!email || refused) return { derived: false };
  const given = displayNameOf(email);
  if (given) return given;
  const guessed = nameFromEmail(email.email);
  if (!guessed.first) return { derived: false };
  return {
    firstName: guessed.first,
    firstSource: email.leaf.path,
    ...(guessed.last && { lastName: guessed.last, lastSource: email.leaf.path }),
    derived: true,
  };
}

/** The record a leaf's name belongs to: its group, or for a one-value array the record holding the array. */
function recordOf(walk: Walk, leaf: Leaf): number {
  if (!leaf.isItem) return leaf.group;
  const list = walk.containers[leaf.parent];
  if (!list?.isArray || list.parent < 0 || (list.value as readonly unknown[]).length > MAX_SINGLE_VALUE_ITEMS)
    return leaf.group;
  return list.parent;
}

/** A last name kept in a record just above or below the first name's (Kit's `fields.last_name`). */
function nearLast(walk: Walk, groups: ReadonlyMap<number, Candidate>, record: number): Candidate | undefined {
  for (const [other, candidate] of groups) {
    if (other !== record && candidate.last && areNear(walk, record, other)) return candidate;
  }
  return undefined;
}

function namesOf(candidate: Candidate, near: Candidate | undefined): FoundNames {
  const lastLeaf = candidate.last ?? near?.last;
  const lastFromKey = candidate.last ? candidate.lastName : near?.lastName;
  let first: string | undefined;
  let last: string | undefined;
  let source: Leaf;
  if (candidate.first) {
    // A whole name in a first-name field is split unless a last name is sent beside it ("Mary Ann").
    const parts = splitFirstNameField(String(candidate.first.value), lastFromKey);
    [first, last, source] = [parts.first, parts.last, candidate.first];
  } else {
    const parts = splitFullName(String((candidate.full as Leaf).value).trim());
    [first, last, source] = [parts.first, parts.last, candidate.full as Leaf];
  }
  const firstName = first && cleanName(first);
  if (!firstName) return { derived: false };
  const names: FoundNames = { firstName, firstSource: source.path, derived: false };
  const lastName = lastFromKey ?? (last && cleanName(last, true));
  const lastSource = lastFromKey ? lastLeaf?.path : source.path;
  if (lastName && lastSource) {
    names.lastName = lastName;
    names.lastSource = lastSource;
  }
  return names;
}

function nameKind(walk: Walk, leaf: Leaf, record: number, emailRecord: number | undefined): Kind | undefined {
  const key = leaf.key;
  const kind = personKeyKind(key);
  if (kind === undefined || (leaf.role < -0.5 && !isPayerFromName(walk, leaf))) return undefined;
  const container = walk.containers[leaf.parent];
  // `first`/`last` alone are a person's only in the email's record or under a person word.
  if (key.norm === 'first' || key.norm === 'last')
    return record === emailRecord || (container !== undefined && container.role > 0) ? kind : undefined;
  if (kind !== 'full' || key.norm !== 'name') return kind;
  // A bare `name` is a person only in the email's record or under a person word, and not inside a thing.
  if (record === emailRecord && (!leaf.isItem || record !== leaf.group))
    return isInsideThing(walk, leaf.parent, 1, true) ? undefined : 'full';
  if (emailRecord === undefined && isFlatRecordName(walk, leaf)) return 'full';
  return container && container.role > 0 && !isInsideThing(walk, leaf.parent, THING_STEPS) ? 'full' : undefined;
}

/**
 * A spreadsheet row or a flat form post with no email at all: its own `Name` column is the
 * person's, unless the body describes a thing (a product or plan record has a `name` too).
 */
function isFlatRecordName(walk: Walk, leaf: Leaf): boolean {
  const root = walk.containers[0];
  return leaf.parent === 0 && !leaf.isItem && root !== undefined && !root.isArray && !describesThing(root);
}

/**
 * `from_name` is a mail's sender when its record also has a from-address (`from_email`), the
 * store's; without one it names who the money came from (Ko-fi's `from_name`).
 */
function isPayerFromName(walk: Walk, leaf: Leaf): boolean {
  if (leaf.key.tokens[0] !== FROM_WORD || leaf.isItem) return false;
  const container = walk.containers[leaf.parent];
  if (!container || container.isArray) return false;
  for (const other of Object.keys(container.value)) {
    const tokens = keyFacts(other).key.tokens;
    if (tokens[0] === FROM_WORD && tokens.some((token) => token === 'email' || token === 'mail' || token === 'address'))
      return false;
    if (tokens.length === 1 && tokens[0] === FROM_WORD) return false;
  }
  return true;
}

function isInsideThing(walk: Walk, start: number, steps: number, bagsHoldPeople = false): boolean {
  let index = start;
  for (let i = 0; i < steps && index >= 0; i++) {
    const container = walk.containers[index] as Container;
    if (isThingKey(container.key) && !(bagsHoldPeople && BAG_WORDS.has(container.key.norm))) return true;
    index = container.parent;
  }
  return false;
}

function thingCompound(key: KeyInfo): boolean {
  return key.tokens.length === 1 && /(?:product|item|event|form|company|store|shop|plan|offer)s?$/.test(key.norm);
}

/** `object: "product"`, `type: "plan"`, a `sku`: a record that says it is a thing. */
function describesThing(record: Container): boolean {
  const fields = record.value as Readonly<Record<string, unknown>>;
  for (const key of TYPE_KEYS) {
    const value = ownValue(fields, key);
    if (typeof value === 'string' && value.length <= 64 && isThingKey(toKeyInfo(value))) return true;
  }
  return THING_FIELDS.some((key) => ownValue(fields, key) !== undefined);
}
