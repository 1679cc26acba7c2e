// The inspector's filters: by outcome, by the sender profile that read a delivery, and by text (the
// person, email, product, place, sender, reason or body). The delivery log has no index for these,
// so a filtered page looks through a bounded run of the newest deliveries (SCAN_LIMIT) and says
// where it stopped: the page asks for the next run with ?beforeId, as it pages the plain list.
import type { Request } from 'express';
import { z } from 'zod';
import { pageQuery } from '../conversions/conversions.routes.ts';
import { notFound } from '../errors.ts';
import type { Delivery, DeliveryOutcome } from '../ingest/delivery.types.ts';
import type { Storage } from '../storage.ts';
import { parseId, validateInput } from '../validate.ts';
import { type DeliverySummary, toDeliverySummary } from './delivery-feed.ts';

/** Deliveries looked through per filtered page, at most. */
export const SCAN_LIMIT = 1000;
const SCAN_BATCH = 100;
/** A body is searched in its first part only: the fields that matter come early. */
const BODY_SEARCH_BYTES = 64 * 1024;
/** `sender=none`: read by detection alone. */
export const NO_SENDER = 'none';

const OUTCOMES = ['accepted', 'duplicate', 'ignored', 'unparsed', 'rejected', 'unverified', 'test'] as const;

const filterQuery = pageQuery.extend({
  outcome: z.enum(OUTCOMES).optional(),
  sender: z.string().trim().min(1).max(60).optional(),
  q: z.string().trim().max(200).optional(),
});

type Filter = { outcome?: DeliveryOutcome; sender?: string; text?: string };

function searchableText(d: Delivery, summary: DeliverySummary): string {
  const n = d.normalized;
  return [
    summary.person,
    n?.email,
    summary.product,
    n?.city,
    n?.state,
    n?.country,
    summary.sender?.name,
    d.reason,
    d.body?.subarray(0, BODY_SEARCH_BYTES).toString('utf8'),
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

function matches(d: Delivery, summary: DeliverySummary, filter: Filter): boolean {
  if (filter.outcome && d.outcome !== filter.outcome) return false;
  if (filter.sender && (summary.sender?.id ?? NO_SENDER) !== filter.sender) return false;
  return !filter.text || searchableText(d, summary).includes(filter.text);
}

export interface SummaryPage {
  deliveries: DeliverySummary[];
  /** Where the next page starts (?beforeId); null when the log has nothing older. */
  nextBeforeId: number | null;
  /** Deliveries looked through for this page: with a filter, up to SCAN_LIMIT. */
  scanned: number;
}

/** One page of a notification's delivery summaries, newest first, filtered when the query asks. */
export async function filteredSummaryPage(storage: Storage, req: Request): Promise<SummaryPage> {
  const notification = await storage.notifications.find(parseId(req.params.id as string, 'notification'));
  if (!notification) throw notFound('notification');
  const query = validateInput(filterQuery, req.query);
  const filter: Filter = { outcome: query.outcome, sender: query.sender, text: query.q?.toLowerCase() || undefined };
  const filtered = Boolean(filter.outcome || filter.sender || filter.text);
  const found: DeliverySummary[] = [];
  let beforeId = query.beforeId;
  let scanned = 0;
  let more = true;
  while (found.length < query.limit && more && (scanned < SCAN_LIMIT || !filtered)) {
    const size = filtered ? Math.min(SCAN_BATCH, SCAN_LIMIT - scanned) : query.limit - found.length;
    const batch = await storage.deliveries.listByNotification(notification.id, { limit: size, beforeId });
    more = batch.length === size;
    for (const d of batch) {
      scanned += 1;
      beforeId = d.id;
      const summary = toDeliverySummary(d);
      if (matches(d, summary, filter)) found.push(summary);
      if (found.length === query.limit) {
        more = more || d !== batch.at(-1);
        break;
      }
    }
  }
  return { deliveries: found, nextBeforeId: more && beforeId !== undefined ? beforeId : null, scanned };
}
