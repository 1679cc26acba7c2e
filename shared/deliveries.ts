// Types only: what the admin API returns about deliveries (the requests that reached a webhook URL):
// the inspector's list and detail, a replay's result and the overview's last delivery.
import type { Conversion, FieldSources, NormalizedConversion } from './conversion.ts';

/**
 * `unverified`: the signature check failed (kept out of sight); `test`: a test event (Send test, or any
 * request with `X-Proofhook-Test: 1`): read like any other, shown only to preview widgets, never stored
 * as a conversion nor counted.
 */
export const OUTCOMES = ['accepted', 'duplicate', 'ignored', 'unparsed', 'rejected', 'unverified', 'test'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A stored delivery but its body (bytes on the server, text in the admin API). */
export interface DeliveryFields {
  id: number;
  notificationId: number;
  receivedAt: number;
  method: string;
  contentType: string | null;
  headers: Record<string, string>;
  query: string | null;
  bodyBytes: number;
  bodyTruncated: boolean;
  status: number;
  outcome: Outcome;
  reason: string | null;
  dedupeKey: string | null;
  bodyFormat: string | null;
  normalized: NormalizedConversion | null;
  fieldSources: FieldSources | null;
  conversionId: number | null;
  replayOf: number | null;
}

/** GET /api/notifications/:id/deliveries: JSON can't carry bytes, the body goes out as UTF-8 text. */
export interface DeliveryView extends DeliveryFields {
  bodyText: string;
}

/** A sender Proofhook reads by name, with its own setup guide (GET /api/senders). */
export interface SenderGuide {
  id: string;
  name: string;
  /** The sender's own documentation page. */
  docs: string;
}

export interface BodyField {
  path: string;
  value: string;
}

/** GET /api/deliveries/:id: the list view, the sender profile that read it and the parsed body's leaves. */
export interface DeliveryDetail extends DeliveryView {
  /** null when detection alone read it. */
  senderProfile: { id: string; name: string; docs: string | null } | null;
  bodyFields: BodyField[];
}

/** What a row of the inspector's list needs; the rest is one GET /api/deliveries/:id away. */
export type DeliverySummary = Pick<
  DeliveryFields,
  | 'id'
  | 'notificationId'
  | 'receivedAt'
  | 'method'
  | 'status'
  | 'outcome'
  | 'reason'
  | 'replayOf'
  | 'bodyBytes'
  | 'contentType'
> & {
  /** Who it was about: the detected name, or the email without one; null when none was found. */
  person: string | null;
  /** The product shown ("Sneakers and 2 more"); null when none was found. */
  product: string | null;
  /** The sender profile that read it; null when detection alone did (or nothing was read). */
  sender: { id: string; name: string } | null;
};

/** A keyset page of a notification's deliveries, newest first. */
export interface DeliveryPage<T = DeliverySummary> {
  deliveries: T[];
  /** null when no older delivery (that matches the filter) is left. */
  nextBeforeId: number | null;
}

export interface FieldChange {
  field: string;
  /** null when the field was not found before (or is not found now). */
  before: unknown;
  after: unknown;
}

/** POST /api/deliveries/:id/replay. */
export interface ReplayResult {
  outcome: Outcome;
  delivery: DeliveryDetail;
  /** The conversion the replay updated in place or made; null when it stored none. */
  conversion: Conversion | null;
  /** Every normalized field whose value differs. */
  changes: FieldChange[];
}

/** What erasing a person removed: their conversions deleted, the stored deliveries that named them scrubbed. */
export interface EraseResult {
  conversions: number;
  deliveries: number;
}

/** POST /api/erase: the email as it was looked for (trimmed, lower-case), and what was erased. */
export interface EraseReply {
  email: string;
  erased: EraseResult;
}

/** Test events are left out of every count. */
export interface DeliveryCounts {
  deliveries: number;
  accepted: number;
  duplicate: number;
  ignored: number;
  unparsed: number;
  rejected: number;
  unverified: number;
}
