// The inspector's filters: by outcome, by the sender profile that read a delivery, and by text (the
// person, email, product, place, sender, reason or body). The repository matches them in SQL over
// every stored delivery of the notification, newest first; the next page goes on with ?beforeId.
import type { Request } from 'express';
import { z } from 'zod';
import { pageQuery } from '../conversions/conversions.routes.ts';
import { notFound } from '../errors.ts';
import type { DeliveryFilter } from './delivery.types.ts';
import { ALL_SENDER_PROFILES } from '../senders/all-profiles.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId, validateInput } from '../validate.ts';
import { type DeliverySummary, toDeliverySummary } from './delivery-feed.ts';

/** `sender=none`: read by detection alone. */
export const NO_SENDER = 'none';

const OUTCOMES = ['accepted', 'duplicate', 'ignored', 'unparsed', 'rejected', 'unverified', 'test'] as const;

const filterQuery = pageQuery.extend({
  outcome: z.enum(OUTCOMES).optional(),
  sender: z.string().trim().min(1).max(60).optional(),
  q: z.string().trim().max(200).optional(),
});

/** Both backends fold A-Z only (see DeliveryFilter), so the text asked for is folded the same way. */
const foldAscii = (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

function toFilter(query: z.infer<typeof filterQuery>): DeliveryFilter | undefined {
  const text = query.q ? foldAscii(query.q) : undefined;
  if (!query.outcome && !query.sender && !text) return undefined;
  return {
    outcome: query.outcome,
    sender: query.sender === NO_SENDER ? '' : query.sender,
    text,
    // A row shows its sender's name; the log keeps the id (also searched, for ids no profile has now).
    textSenders: text
      ? ALL_SENDER_PROFILES.filter((profile) => foldAscii(profile.name).includes(text)).map((profile) => profile.id)
      : undefined,
  };
}

export interface SummaryPage {
  deliveries: DeliverySummary[];
  /** Where the next page starts (?beforeId); null when no older delivery matches. */
  nextBeforeId: number | null;
}

/** One page of a notification's delivery summaries, newest first, filtered when the query asks. */
export async function filteredSummaryPage(storage: Storage, req: Request): Promise<SummaryPage> {
  const notification = await storage.notifications.find(parseId(req.params.id as string, 'notification'));
  if (!notification) throw notFound('notification');
  const query = validateInput(filterQuery, req.query);
  // One row past the page says whether another page holds anything, so "Load more" never leads nowhere.
  const rows = await storage.deliveries.listByNotification(notification.id, {
    limit: query.limit + 1,
    beforeId: query.beforeId,
    filter: toFilter(query),
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    deliveries: page.map(toDeliverySummary),
    nextBeforeId: rows.length > query.limit && last ? last.id : null,
  };
}
