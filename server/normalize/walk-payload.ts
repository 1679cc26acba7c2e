// Breadth-first walk over any body-parser output: bounded, prototype-safe, aware of bracket keys, label/value pairs and JSON-in-strings.
//
// Path notation (used in `sources`):
//   data.customer.email        object keys, dotted
//   line_items[0].price        array indexes in brackets
//   fields["First Name"]       keys that are not identifier-like, JSON-quoted in brackets
//   data.merges.EMAIL          flat form keys (`data[merges][EMAIL]`) are nested first
//   fields.json>customer.email `>` = the string at the left was parsed as JSON; the path continues inside it
//   $                          the body itself, when it is a plain text
// A text body that is JSON is read as JSON without a marker.
import { type KeyFacts, keyFacts } from './key-cache.ts';
import { EMPTY_KEY, type KeyInfo } from './key-words.ts';
import { childPath, dottedParent, itemPath, joinSegment } from './paths.ts';
import { hasBracketKeys, isUnsafeKey, nestBracketKeys } from './nest-bracket-keys.ts';
import { ROLE_DECAY } from './person-roles.ts';

export { childPath, itemPath } from './paths.ts';

export const MAX_DEPTH = 64;
export const MAX_NODES = 20_000;
/** Arrays repeat one shape; past this many items nothing new is learned. */
export const MAX_ARRAY_ITEMS = 1_000;
export const MAX_JSON_STRING_CHARS = 100_000;
/** JSON inside a string inside a string… stops here (a JSON text body counts as one level). */
export const MAX_JSON_NESTING = 3;
/** Label/value pairs are small objects (`{label, value}`, Typeform answers); bigger ones are records. */
const MAX_PAIR_KEYS = 12;
const MAX_LABEL_CHARS = 64;

export type Primitive = string | number | boolean;

interface NodeBase {
  readonly index: number;
  readonly path: string;
  /** The field name; items of an array carry their array's key. */
  readonly key: KeyInfo;
  readonly isItem: boolean;
  /** The enclosing container, −1 for the body. */
  readonly parent: number;
  readonly depth: number;
  /** How strongly the path points at the converting person (see person-roles.ts). */
  readonly role: number;
}

export interface Container extends NodeBase {
  /** The object (bracket keys nested) or array as walked. */
  readonly value: Readonly<Record<string, unknown>> | readonly unknown[];
  readonly isArray: boolean;
}

export interface Leaf extends NodeBase {
  readonly value: Primitive;
  /**
   * The container whose fields belong together. Usually the parent; for a `{label, value}`
   * pair it is the list holding the pairs, so `First name` and `Email` rows form one record.
   */
  readonly group: number;
}

export interface Walk {
  readonly containers: readonly Container[];
  readonly leaves: readonly Leaf[];
  readonly byPath: ReadonlyMap<string, number>;
}

interface Pending {
  value: unknown;
  path: string;
  key: KeyInfo;
  /** roleWeight(key), looked up with the key. */
  weight: number;
  isItem: boolean;
  parent: number;
  group: number;
  depth: number;
  jsonDepth: number;
}

const VALUE_KEYS = ['value', 'text', 'answer', 'response', 'val'] as const;
const LABEL_KEYS = ['label', 'name', 'key', 'title', 'question', 'field_name', 'fieldName', 'ref'] as const;
const NESTED_LABEL_KEYS = ['ref', 'label', 'title', 'name'] as const;

/** Own, non-prototype-reaching property read. */
export function ownValue(object: Readonly<Record<string, unknown>>, key: string): unknown {
  return !isUnsafeKey(key) && Object.hasOwn(object, key) ? object[key] : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

interface WalkState {
  readonly containers: Container[];
  readonly leaves: Leaf[];
  readonly queue: (Pending | undefined)[];
  budget: number;
}

export function walkPayload(payload: unknown): Walk {
  const state: WalkState = {
    containers: [],
    leaves: [],
    queue: [
      {
        value: payload,
        path: '',
        key: EMPTY_KEY,
        weight: 0,
        isItem: false,
        parent: -1,
        group: -1,
        depth: 0,
        jsonDepth: 0,
      },
    ],
    budget: MAX_NODES - 1,
  };
  const { queue } = state;
  for (let head = 0; head < queue.length; head++) {
    const item = queue[head] as Pending;
    queue[head] = undefined;
    visit(state, item);
  }
  return new PayloadWalk(state.containers, state.leaves);
}

class PayloadWalk implements Walk {
  #byPath: Map<string, number> | undefined;

  constructor(
    readonly containers: readonly Container[],
    readonly leaves: readonly Leaf[],
  ) {}

  /** Built on first use: hashing every container's path is wasted on payloads whose lookups are all body fields (see bodyField). */
  get byPath(): ReadonlyMap<string, number> {
    if (this.#byPath === undefined) {
      this.#byPath = new Map();
      for (const container of this.containers) {
        if (!this.#byPath.has(container.path)) this.#byPath.set(container.path, container.index);
      }
    }
    return this.#byPath;
  }
}

/**
 * `walk.byPath.get(childPath('', key))` without the index. Only a field of the body has such a
 * path, and the body's fields are walked first: containers 1… until the first deeper one.
 */
export function bodyField(walk: Walk, key: string): number | undefined {
  const path = childPath('', key);
  const { containers } = walk;
  for (let i = 1; i < containers.length && (containers[i] as Container).parent === 0; i++) {
    if ((containers[i] as Container).path === path) return i;
  }
  return undefined;
}

function visit(state: WalkState, item: Pending): void {
  const { value } = item;
  if (typeof value === 'string') {
    const parsed = item.jsonDepth < MAX_JSON_NESTING ? parseJsonObject(value) : undefined;
    if (parsed !== undefined) {
      const path = item.parent === -1 ? '' : `${item.path}>`;
      addContainer(state, { ...item, path, jsonDepth: item.jsonDepth + 1 }, parsed);
    } else {
      addLeaf(state, item, value);
    }
  } else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') {
    addLeaf(state, item, value);
  } else if (Array.isArray(value) || isPlainObject(value)) {
    addContainer(state, item, value);
  }
  // Anything else (Buffers, Dates, class instances) is not body-parser data and is skipped.
}

function enqueue(state: WalkState, item: Pending): boolean {
  if (state.budget <= 0) return false;
  state.budget--;
  state.queue.push(item);
  return true;
}

function roleOf(state: WalkState, item: Pending): number {
  const parentRole = item.parent >= 0 ? (state.containers[item.parent] as Container).role : 0;
  return item.isItem ? parentRole : item.weight + ROLE_DECAY * parentRole;
}

function addLeaf(state: WalkState, item: Pending, value: Primitive): void {
  state.leaves.push({
    index: state.leaves.length,
    path: item.parent === -1 ? '$' : item.path,
    key: item.key,
    isItem: item.isItem,
    parent: item.parent,
    group: item.group,
    depth: item.depth,
    role: roleOf(state, item),
    value,
  });
}

function addContainer(state: WalkState, item: Pending, value: object): void {
  const index = state.containers.length;
  const isArray = Array.isArray(value);
  // One Object.keys per object: it decides the bracket-key view and then drives the children.
  let keys = isArray ? undefined : Object.keys(value);
  let view = value as Readonly<Record<string, unknown>> | readonly unknown[];
  if (keys && hasBracketKeys(keys)) {
    view = nestBracketKeys(value as Record<string, unknown>, keys);
    keys = Object.keys(view);
  }
  state.containers.push({
    index,
    path: item.path,
    key: item.key,
    isItem: item.isItem,
    parent: item.parent,
    depth: item.depth,
    role: roleOf(state, item),
    value: view,
    isArray,
  });
  if (item.depth >= MAX_DEPTH) return;
  const depth = item.depth + 1;
  const { jsonDepth } = item;
  if (keys === undefined) {
    const list = view as readonly unknown[];
    const count = Math.min(list.length, MAX_ARRAY_ITEMS);
    for (let i = 0; i < count; i++) {
      const child = {
        value: list[i],
        path: itemPath(item.path, i),
        key: item.key,
        weight: item.weight,
        isItem: true,
        parent: index,
        group: index,
        depth,
        jsonDepth,
      };
      if (!enqueue(state, child)) return;
    }
    return;
  }
  const record = view as Readonly<Record<string, unknown>>;
  const pair = findLabelValue(record, keys);
  const dotted = dottedParent(item.path);
  for (const key of keys) {
    if (isUnsafeKey(key)) continue;
    const isPairValue = pair !== undefined && key === pair.valueKey;
    const facts = keyFacts(key);
    const named = isPairValue ? pair.label : facts;
    const child: Pending = {
      value: record[key],
      path: joinSegment(item.path, dotted, facts.segment),
      key: named.key,
      weight: named.weight,
      isItem: false,
      parent: index,
      group: isPairValue && item.parent >= 0 ? item.parent : index,
      depth,
      jsonDepth,
    };
    if (!enqueue(state, child)) return;
  }
}

/** Parses strings that look like a JSON object or array; anything else (or invalid JSON) stays a string. */
function parseJsonObject(text: string): object | undefined {
  if (text.length < 2 || text.length > MAX_JSON_STRING_CHARS || !mayOpenJson(text.charCodeAt(0))) return undefined;
  const trimmed = text.trim();
  const first = trimmed[0];
  const last = trimmed[trimmed.length - 1];
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `{`, `[`, or a character trim() might remove: any other first character rules JSON out without trimming. */
function mayOpenJson(code: number): boolean {
  return code === 123 || code === 91 || code <= 0x20 || code >= 0x80;
}

/**
 * `{"label": "First name", "value": "Ann"}`, `{"name": "email", "value": …}` and Typeform's
 * `{"text": "Ann", "field": {"ref": "first_name"}}` name their value with another field: the
 * value is then read as if its key were the label.
 */
function findLabelValue(
  record: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): { valueKey: string; label: KeyFacts } | undefined {
  if (keys.length > MAX_PAIR_KEYS) return undefined;
  let valueKey: string | undefined;
  for (const key of VALUE_KEYS) {
    const value = ownValue(record, key);
    if (value !== undefined && value !== null) {
      valueKey = key;
      break;
    }
  }
  if (valueKey === undefined) return undefined;
  for (const key of LABEL_KEYS) {
    const label = asLabel(ownValue(record, key));
    if (label) return { valueKey, label };
  }
  const field = ownValue(record, 'field');
  if (isPlainObject(field)) {
    for (const key of NESTED_LABEL_KEYS) {
      const label = asLabel(ownValue(field, key));
      if (label) return { valueKey, label };
    }
  }
  return undefined;
}

function asLabel(value: unknown): KeyFacts | undefined {
  if (typeof value !== 'string' || value.length > MAX_LABEL_CHARS || !/\p{L}/u.test(value)) return undefined;
  const facts = keyFacts(value);
  return facts.key.tokens.length > 0 ? facts : undefined;
}

const NEAR_STEPS = 2;

/** One record sits within a couple of levels of the other (`data` and `data.merges`, `answers` and `answers[1]`). */
export function areNear(walk: Walk, a: number, b: number, steps = NEAR_STEPS): boolean {
  return isAncestor(walk, a, b, steps) || isAncestor(walk, b, a, steps);
}

function isAncestor(walk: Walk, ancestor: number, start: number, steps: number): boolean {
  let index = start;
  for (let i = 0; i <= steps && index >= 0; i++) {
    if (index === ancestor) return true;
    index = walk.containers[index]?.parent ?? -1;
  }
  return false;
}
