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
import { EMPTY_KEY, type KeyInfo, toKeyInfo } from './key-words.ts';
import { hasBracketKeys, nestBracketKeys, UNSAFE_KEYS } from './nest-bracket-keys.ts';
import { ROLE_DECAY, roleWeight } from './person-roles.ts';

export const MAX_DEPTH = 64;
export const MAX_NODES = 20_000;
/** Arrays repeat one shape; past this many items nothing new is learned. */
export const MAX_ARRAY_ITEMS = 1_000;
export const MAX_JSON_STRING_CHARS = 100_000;
/** JSON inside a string inside a string… stops here (a JSON text body counts as one level). */
export const MAX_JSON_NESTING = 3;
const MAX_PATH_KEY_CHARS = 64;
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
  isItem: boolean;
  parent: number;
  group: number;
  depth: number;
  jsonDepth: number;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;
const VALUE_KEYS = ['value', 'text', 'answer', 'response', 'val'] as const;
const LABEL_KEYS = ['label', 'name', 'key', 'title', 'question', 'field_name', 'fieldName', 'ref'] as const;
const NESTED_LABEL_KEYS = ['ref', 'label', 'title', 'name'] as const;

export function childPath(parent: string, key: string): string {
  const shown = key.length > MAX_PATH_KEY_CHARS ? `${key.slice(0, MAX_PATH_KEY_CHARS)}…` : key;
  if (PLAIN_KEY.test(shown)) return parent === '' || parent.endsWith('>') ? `${parent}${shown}` : `${parent}.${shown}`;
  return `${parent}[${JSON.stringify(shown)}]`;
}

export function itemPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** Own, non-prototype-reaching property read. */
export function ownValue(object: Readonly<Record<string, unknown>>, key: string): unknown {
  return !UNSAFE_KEYS.has(key) && Object.hasOwn(object, key) ? object[key] : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

interface WalkState {
  readonly containers: Container[];
  readonly leaves: Leaf[];
  readonly byPath: Map<string, number>;
  readonly queue: (Pending | undefined)[];
  budget: number;
}

export function walkPayload(payload: unknown): Walk {
  const state: WalkState = {
    containers: [],
    leaves: [],
    byPath: new Map(),
    queue: [{ value: payload, path: '', key: EMPTY_KEY, isItem: false, parent: -1, group: -1, depth: 0, jsonDepth: 0 }],
    budget: MAX_NODES - 1,
  };
  const { queue } = state;
  for (let head = 0; head < queue.length; head++) {
    const item = queue[head] as Pending;
    queue[head] = undefined;
    visit(state, item);
  }
  return { containers: state.containers, leaves: state.leaves, byPath: state.byPath };
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
  return item.isItem ? parentRole : roleWeight(item.key) + ROLE_DECAY * parentRole;
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
  const view = isArray ? (value as unknown[]) : objectView(value as Record<string, unknown>);
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
  if (!state.byPath.has(item.path)) state.byPath.set(item.path, index);
  if (item.depth >= MAX_DEPTH) return;
  const depth = item.depth + 1;
  const { jsonDepth } = item;
  if (Array.isArray(view)) {
    const count = Math.min(view.length, MAX_ARRAY_ITEMS);
    for (let i = 0; i < count; i++) {
      const child = {
        value: view[i],
        path: itemPath(item.path, i),
        key: item.key,
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
  const record = view as Record<string, unknown>;
  const keys = Object.keys(record);
  const pair = findLabelValue(record, keys);
  for (const key of keys) {
    if (UNSAFE_KEYS.has(key)) continue;
    const isPairValue = pair !== undefined && key === pair.valueKey;
    const child: Pending = {
      value: record[key],
      path: childPath(item.path, key),
      key: isPairValue ? pair.label : toKeyInfo(key),
      isItem: false,
      parent: index,
      group: isPairValue && item.parent >= 0 ? item.parent : index,
      depth,
      jsonDepth,
    };
    if (!enqueue(state, child)) return;
  }
}

function objectView(object: Record<string, unknown>): Readonly<Record<string, unknown>> {
  const keys = Object.keys(object);
  return hasBracketKeys(keys) ? nestBracketKeys(object, keys) : object;
}

/** Parses strings that look like a JSON object or array; anything else (or invalid JSON) stays a string. */
function parseJsonObject(text: string): object | undefined {
  if (text.length < 2 || text.length > MAX_JSON_STRING_CHARS) return undefined;
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

/**
 * `{"label": "First name", "value": "Ann"}`, `{"name": "email", "value": …}` and Typeform's
 * `{"text": "Ann", "field": {"ref": "first_name"}}` name their value with another field: the
 * value is then read as if its key were the label.
 */
function findLabelValue(
  record: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): { valueKey: string; label: KeyInfo } | undefined {
  if (keys.length > MAX_PAIR_KEYS) return undefined;
  const valueKey = VALUE_KEYS.find((key) => {
    const value = ownValue(record, key);
    return value !== undefined && value !== null;
  });
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

function asLabel(value: unknown): KeyInfo | undefined {
  if (typeof value !== 'string' || value.length > MAX_LABEL_CHARS || !/\p{L}/u.test(value)) return undefined;
  const key = toKeyInfo(value);
  return key.tokens.length > 0 ? key : undefined;
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
