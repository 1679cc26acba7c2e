// Sender envelopes: which part of the body is the subject (Stripe's data.object, Kajabi's payload…), the event name and a dedupe id.
import { capText } from './text-limits.ts';
import type { KeyInfo } from './key-words.ts';
import { bodyField, childPath, type Container, itemPath, type Leaf, ownValue, type Walk } from './walk-payload.ts';

export interface Envelope {
  /** Containers whose own fields are "top level" in the Proofhook conversion format's sense: the body and the unwrapped subject. */
  readonly topLevel: readonly number[];
  readonly event?: { value: string; path: string };
  readonly eventId?: { value: string; path: string };
  /** Stripe sends amounts in minor units (https://docs.stripe.com/currencies#minor-units). */
  readonly stripeShaped: boolean;
  /** The Stripe object an event is about, e.g. `checkout.session` (for its paid/unpaid rules). */
  readonly stripeObject?: { type: string; container: number };
}

const EVENT_KEYS = [
  'event',
  'type',
  'topic',
  'event_type',
  'eventType',
  'event_name',
  'eventName',
  // Cal.com's `triggerEvent` (https://cal.com/docs/developing/guides/automation/webhooks).
  'triggerEvent',
  'trigger_event',
] as const;
const EVENT_ID_KEYS = ['event_id', 'eventId'] as const;
/** Wrappers that hold the record itself: builders' `{event, data}`, Typeform's `form_response`, Snipcart's `content`… */
const SUBJECT_KEYS = ['data', 'form_response', 'order', 'resource', 'object', 'record', 'body', 'content'] as const;
const MAX_EVENT_CHARS = 128;
const STRIPE_ID = /^[a-z]{2,8}_[A-Za-z0-9]/;

export function readEnvelope(walk: Walk): Envelope {
  const root = walk.containers[0];
  if (!root || root.parent !== -1) return { topLevel: [], stripeShaped: false };
  if (root.isArray) {
    const first = walk.byPath.get(itemPath('', 0));
    return { topLevel: first === undefined ? [0] : [0, first], stripeShaped: false };
  }
  const body = root.value as Readonly<Record<string, unknown>>;
  const event = readEvent(body);
  const id = ownValue(body, 'id');
  const objectType = ownValue(body, 'object');

  // Stripe event: {id: "evt_…", object: "event", type, data: {object}} (https://docs.stripe.com/api/events/object)
  const isStripeEvent = objectType === 'event' || (typeof id === 'string' && id.startsWith('evt_'));
  const dataObject = isStripeEvent ? walk.byPath.get('data.object') : undefined;
  if (dataObject !== undefined && isObjectContainer(walk, dataObject)) {
    const subject = walk.containers[dataObject] as Container;
    const type = ownValue(subject.value as Record<string, unknown>, 'object');
    return envelope(
      [0, dataObject],
      event,
      typeof id === 'string' && id !== '' ? { value: capText(id), path: 'id' } : undefined,
      typeof type === 'string' ? { type, container: dataObject } : undefined,
      true,
    );
  }

  // Kajabi's and Calendly's: {id?, event, payload: […] | {…}}
  const payload = event ? bodyField(walk, 'payload') : undefined;
  if (event && payload !== undefined) {
    const container = walk.containers[payload] as Container;
    const subject = container.isArray ? walk.byPath.get(itemPath('payload', 0)) : payload;
    const eventId =
      (typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id))
        ? { value: capText(`kajabi:${event.value}:${id}`), path: 'id' }
        : readEventId(body);
    const topLevel = subject !== undefined && isObjectContainer(walk, subject) ? [0, subject] : [0];
    return envelope(topLevel, event, eventId, undefined, false);
  }

  // An event object wrapping its record: Coinbase Commerce's {event: {type, data}}.
  const wrapper = event ? undefined : readEventWrapper(walk);
  if (wrapper) return envelope(wrapper.topLevel, wrapper.event, readEventId(body), undefined, false);

  // A bare Stripe object ({id: "cs_…", object: "checkout.session"}), e.g. forwarded by a proxy.
  const stripeObject =
    typeof objectType === 'string' && typeof id === 'string' && STRIPE_ID.test(id) ? objectType : undefined;
  const subject = findSubject(walk, 0, body);
  return envelope(
    subject === undefined ? [0] : [0, ...subject],
    event,
    readEventId(body),
    stripeObject === undefined ? undefined : { type: stripeObject, container: 0 },
  );
}

/** `{event: {type: "charge:confirmed", data: {…}}}`: the event's name and its record. */
function readEventWrapper(walk: Walk): { event: NonNullable<Envelope['event']>; topLevel: number[] } | undefined {
  const index = bodyField(walk, 'event');
  const container = index === undefined ? undefined : walk.containers[index];
  if (!container || container.isArray) return undefined;
  const record = container.value as Readonly<Record<string, unknown>>;
  const inner = readEvent(record);
  if (!inner) return undefined;
  const subject = findSubject(walk, container.index, record);
  return {
    event: { value: inner.value, path: `event.${inner.path}` },
    topLevel: subject === undefined ? [0, container.index] : [0, container.index, ...subject],
  };
}

/** An Envelope with only the parts that are there. Stripe-shaped when a Stripe object was seen, unless told otherwise. */
function envelope(
  topLevel: readonly number[],
  event: Envelope['event'],
  eventId: Envelope['eventId'],
  stripeObject: Envelope['stripeObject'],
  stripeShaped = stripeObject !== undefined,
): Envelope {
  const result: { -readonly [K in keyof Envelope]: Envelope[K] } = { topLevel, stripeShaped };
  if (event) result.event = event;
  if (eventId) result.eventId = eventId;
  if (stripeObject) result.stripeObject = stripeObject;
  return result;
}

/**
 * The record a wrapper holds, with the parts of it that are the record's own fields: the first
 * SUBJECT_KEYS field that is an object (or JSON text of one: Ko-fi's form field `data`), else a
 * wrapper's only field (Buy Me a Coffee's `response`, Ghost's `member`); inside it Ghost's
 * before/after pair's `current` and a JSON:API resource's `attributes` (https://jsonapi.org/format/#document-resource-objects).
 */
function findSubject(walk: Walk, parent: number, record: Readonly<Record<string, unknown>>): number[] | undefined {
  let subject: number | undefined;
  for (const key of SUBJECT_KEYS) {
    subject = objectField(walk, parent, key);
    if (subject !== undefined) break;
  }
  const keys = Object.keys(record);
  if (subject === undefined && keys.length === 1) subject = objectField(walk, parent, keys[0] as string);
  if (subject === undefined) return undefined;
  const current = objectField(walk, subject, 'current');
  if (current !== undefined) return [subject, current];
  const attributes = objectField(walk, subject, 'attributes');
  return attributes === undefined ? [subject] : [subject, attributes];
}

/** The container of a record's field holding an object, written as an object or as JSON text. */
function objectField(walk: Walk, parent: number, key: string): number | undefined {
  const container = walk.containers[parent];
  if (!container) return undefined;
  const path = childPath(container.path, key);
  for (let i = parent + 1; i < walk.containers.length; i++) {
    const child = walk.containers[i] as Container;
    if (child.parent > parent) break;
    if (child.parent === parent && !child.isArray && (child.path === path || child.path === `${path}>`)) return i;
  }
  return undefined;
}

function isObjectContainer(walk: Walk, index: number): boolean {
  const container = walk.containers[index];
  return container !== undefined && !container.isArray;
}

function readEvent(body: Readonly<Record<string, unknown>>): { value: string; path: string } | undefined {
  for (const key of EVENT_KEYS) {
    const value = ownValue(body, key);
    // Calendly's nested `event` is a URL; only a name is an event.
    if (typeof value === 'string' && value.trim() !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      return { value: capText(value, MAX_EVENT_CHARS), path: key };
    }
  }
  return undefined;
}

function readEventId(body: Readonly<Record<string, unknown>>): { value: string; path: string } | undefined {
  for (const key of EVENT_ID_KEYS) {
    const value = ownValue(body, key);
    if ((typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value))) {
      return { value: capText(String(value)), path: key };
    }
  }
  return undefined;
}

function acceptAny(): boolean {
  return true;
}

/** The first leaf directly on a top-level container (body first, then subject) that matches. */
export function findTopLevelLeaf(
  walk: Walk,
  topLevel: readonly number[],
  matches: (key: KeyInfo) => boolean,
  accept: (leaf: Leaf) => boolean = acceptAny,
): Leaf | undefined {
  for (const container of topLevel) {
    for (const leaf of walk.leaves) {
      if (leaf.parent === container && !leaf.isItem && matches(leaf.key) && accept(leaf)) return leaf;
    }
  }
  return undefined;
}
