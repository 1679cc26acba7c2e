// Chooses the key that makes a retried delivery recognisable: a sender's idempotency header,
// then an event id in the body, then (for stream notifications) a hash of the body.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

// Headers whose value is the same on every retry of one event and different between events.
// Deliberately absent: x-webhook-id (often the subscription's id, equal for every event) and
// x-request-id (new on each attempt).
const IDEMPOTENCY_HEADERS = [
  'webhook-id', // Standard Webhooks
  'svix-id',
  'idempotency-key',
  'x-idempotency-key',
  'x-shopify-event-id',
  'x-shopify-webhook-id',
  'x-github-delivery',
  'x-event-id',
] as const;

const MAX_KEY_PART = 200;

export interface DedupeKeyInput {
  headers: IncomingHttpHeaders;
  /** The normalizer's sender-assigned event id (Kajabi, Stripe). */
  eventId: string | undefined;
  /** Decoded body bytes; hashed as the last resort. */
  body: Buffer;
  /** Bare POSTs to a conversion counter all look alike and must all count, so no body hash there. */
  hashBody: boolean;
}

export function chooseDedupeKey(input: DedupeKeyInput): string | null {
  for (const name of IDEMPOTENCY_HEADERS) {
    const value = input.headers[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (text && text.trim() !== '') return `header:${name}=${text.trim().slice(0, MAX_KEY_PART)}`;
  }
  if (input.eventId) return `event:${input.eventId.slice(0, MAX_KEY_PART)}`;
  if (input.hashBody && input.body.length > 0) {
    return `body:sha256=${createHash('sha256').update(input.body).digest('hex')}`;
  }
  return null;
}
