// Sender envelopes: which part of the body is the subject (Stripe's data.object, Kajabi's payload…), the event name and a dedupe id.
import { capText } from './text-limits.ts';
import type { KeyInfo } from './key-words.ts';
import { bodyField, type Container, itemPath, type Leaf, ownValue, type Walk } from './walk-payload.ts';

export interface Envelope {
  /** Containers whose own fields are "top level" in seed 003's sense: the body and the unwrapped subject. */
  readonly topLevel: readonly number[];
  readonly event?: { value: string; path: string };
  readonly eventId?: { value: string; path: string };
  /** Stripe sends amounts in minor units (https://docs.stripe.com/currencies#minor-units). */
  readonly stripeShaped: boolean;
  /** The Stripe object an event is about, e.g. `checkout.session` (for its paid/unpaid rules). */
  readonly stripeObject?: { type: string; container: number };
}

const EVENT_KEYS = ['event', 'type', 'topic', 'event_type', 'eventType', 'event_name', 'eventName'] as const;
const EVENT_ID_KEYS = ['event_id', 'eventId'] as const;
/** Wrappers that hold the record itself: builders' `{event, data}`, Typeform's `form_response`… */
const SUBJECT_KEYS = ['data', 'form_response', 'order', 'resource', 'object', 'record', 'body'] as const;
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

  // Kajabi (seed 002) and Calendly: {id?, event, payload: […] | {…}}
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

  // A bare Stripe object ({id: "cs_…", object: "checkout.session"}), e.g. forwarded by a proxy.
  const stripeObject =
    typeof objectType === 'string' && typeof id === 'string' && STRIPE_ID.test(id) ? objectType : undefined;
  const subject = findSubject(walk);
  return envelope(
    subject === undefined ? [0] : [0, subject],
    event,
    readEventId(body),
    stripeObject === undefined ? undefined : { type: stripeObject, container: 0 },
  );
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

/** The first wrapper (SUBJECT_KEYS order) on the body that is an object. */
function findSubject(walk: Walk): number | undefined {
  for (const key of SUBJECT_KEYS) {
    const index = bodyField(walk, key);
    if (index !== undefined && isObjectContainer(walk, index)) return index;
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
