// A delivery: one request that reached a webhook URL, kept for the admin inspector.
import type { DeliveryCounts, DeliveryFields, EraseResult, Outcome } from '../../shared/deliveries.ts';
import type { Conversion } from '../conversions/conversion.types.ts';
import type { FieldSources, NormalizedConversion } from '../normalize/types.ts';

/** Every outcome and what it means: shared/deliveries.ts. */
export type DeliveryOutcome = Outcome;
export type { DeliveryCounts, EraseResult };

/** The request's bytes as they came; the admin API sends them as text (DeliveryView). */
export interface Delivery extends DeliveryFields {
  body: Buffer | null;
}

/** What the webhook route hands to storage. `conversion` is set when it wants one stored. */
export interface DeliveryRecord {
  notificationId: number;
  siteId: number;
  receivedAt: number;
  method: string;
  contentType: string | null;
  headers: Record<string, string>;
  query: string | null;
  body: Buffer | null;
  bodyBytes: number;
  bodyTruncated: boolean;
  /** The HTTP status the sender gets (200 for everything but an oversized body). */
  status: number;
  outcome: Exclude<DeliveryOutcome, 'duplicate'>;
  reason: string | null;
  dedupeKey: string | null;
  bodyFormat: string | null;
  normalized: NormalizedConversion | null;
  fieldSources: FieldSources | null;
  /** Store a conversion unless the dedupe key was seen within the window. */
  conversion: NormalizedConversion | null;
  /** The delivery this one replays, when it came from the log rather than a sender. */
  replayOf?: number;
}

export interface RecordResult {
  deliveryId: number;
  outcome: DeliveryOutcome;
  /** The stored conversion, when one was stored (not for duplicates). */
  conversion: Conversion | null;
}

/** What storage tells the webhook route about a recorded delivery: the result, and its size for the log budget. */
export interface RecordReceipt extends RecordResult {
  /** What the row keeps of the request, in bytes (see deliveryTextColumns). */
  storedBytes: number;
}

/** What re-deriving a stored delivery (a replay) did. */
export interface RederiveResult {
  /** The delivery as it is now: fields, sources, outcome and conversion link re-derived; request and answer kept. */
  delivery: Delivery;
  outcome: DeliveryOutcome;
  /** The conversion this replay updated in place or made; null when it stored none. */
  conversion: Conversion | null;
}

/**
 * The inspector's filters, matched in SQL over every stored delivery of the notification. Text is
 * found in the person (first and last name), email, product, place, reason and the body's first
 * BODY_SEARCH_BYTES; letters A–Z match in either case (both backends fold ASCII only).
 */
export interface DeliveryFilter {
  outcome?: DeliveryOutcome;
  /** A sender profile id; '' for deliveries no profile read (detection alone, or nothing read). */
  sender?: string;
  /** Lower-case text to find; a match in any field keeps the delivery. */
  text?: string;
  /** Sender profile ids whose names contain `text`: names live in code, the log keeps ids. */
  textSenders?: string[];
}

/** A body is searched in its first part only: the fields that matter come early. */
export const BODY_SEARCH_BYTES = 64 * 1024;

export interface DeliveryQuery {
  limit: number;
  beforeId?: number;
  filter?: DeliveryFilter;
}

export interface DailyDeliveryCounts extends DeliveryCounts {
  /** UTC day, YYYY-MM-DD. */
  day: string;
}

export interface DeliveryRepository {
  /** One transaction: dedupe check, conversion, delivery. Resolves only once committed. */
  record(input: DeliveryRecord): Promise<RecordReceipt>;
  find(id: number): Promise<Delivery | undefined>;
  /**
   * A replay: one transaction that lays `input` (the delivery interpreted again) over stored delivery
   * `id`. Its conversion is updated in place (same id), or made when it had none. Its own dedupe key
   * never makes it a duplicate; a key another conversion claimed within the dedupe window before the
   * delivery's arrival (`input.receivedAt`) still does. Without a conversion in `input`, a conversion
   * made earlier stays, linked. Undefined when there is no such delivery.
   */
  rederive(id: number, input: DeliveryRecord): Promise<RederiveResult | undefined>;
  /** Newest first, before `beforeId`, matching `filter` when given (through the (notification, id) index). */
  listByNotification(notificationId: number, query: DeliveryQuery): Promise<Delivery[]>;
  countSince(notificationId: number, since: number): Promise<DeliveryCounts>;
  dailyCounts(notificationId: number, since: number): Promise<DailyDeliveryCounts[]>;
  /**
   * Removes a person everywhere: their conversions, and the stored bodies, headers, queries and
   * normalized fields of every delivery that mentions the email (the delivery row stays, scrubbed).
   */
  erasePerson(email: string): Promise<EraseResult>;
  /** Retention: drops the stored request (body, headers, query, normalized fields) of deliveries received before `before`. */
  purgeBodiesBefore(before: number): Promise<number>;
  /** Forgets dedupe keys first seen before `before` (they no longer make anything a duplicate). */
  purgeDedupeKeysBefore(before: number): Promise<number>;
  /** Bytes of stored requests (body, headers, query, normalized fields) in the delivery log of a site. */
  storedBytesOfSite(siteId: number): Promise<number>;
  /**
   * Storage budget: drops the stored request of the site's oldest deliveries, oldest first, until at
   * least `bytes` are freed (their rows stay, with a note in the reason). Returns how many.
   */
  trimOldestOfSite(siteId: number, bytes: number): Promise<number>;
}
