// What makes an imported row or a hand-made entry a conversion, and when two are the same one.
import { createHash } from 'node:crypto';
import type { Conversion } from '../conversions/conversion.types.ts';
import { type Classification, classifyDelivery } from '../ingest/classify-delivery.ts';
import type { NormalizedConversion } from '../normalize/types.ts';
import type { Notification } from '../notifications/notification.types.ts';

export const NOTHING_TO_SHOW = 'nothing to show: no email, name or product';

/**
 * A webhook without an email is ignored (a sender's ping or a half-filled form looks like that);
 * an imported row or a hand-made entry is the owner's own data, and a name or a product is enough
 * for a popup ("Maria from Austin purchased Sneakers"). The owner acting is also why a paused
 * notification still takes them (nothing is shown while it is paused).
 */
export function classifyEntry(
  notification: Pick<Notification, 'kind'>,
  conversion: NormalizedConversion,
): Classification {
  if (notification.kind === 'stream' && !conversion.email && !conversion.notShownReason) {
    return conversion.firstName || conversion.productName
      ? { outcome: 'accepted', conversion }
      : { outcome: 'ignored', reason: NOTHING_TO_SHOW };
  }
  return classifyDelivery({ notification: { kind: notification.kind, status: 'active' }, shape: 'data', conversion });
}

type FingerprintFields = Pick<
  Conversion,
  'email' | 'firstName' | 'lastName' | 'productName' | 'total' | 'currency' | 'timestamp'
>;

/**
 * Who, what and when: two conversions alike in all of these are one, however they arrived (an
 * export imported again, a row repeated in a file, an order a webhook already brought).
 */
export function conversionFingerprint(c: FingerprintFields): string {
  return JSON.stringify([
    c.email?.toLowerCase() ?? null,
    c.firstName ?? null,
    c.lastName ?? null,
    c.productName ?? null,
    c.total ?? null,
    c.currency ?? null,
    c.timestamp,
  ]);
}

const MAX_KEY_PART = 200;

/**
 * The sender's own event id when the row has one (the key a webhook for the same order would claim,
 * so a webhook arriving after an import of the same recent order is a duplicate); else the
 * fingerprint's hash.
 */
export function importDedupeKey(conversion: NormalizedConversion): string {
  if (conversion.eventId) return `event:${conversion.eventId.slice(0, MAX_KEY_PART)}`;
  const hash = createHash('sha256').update(conversionFingerprint(conversion)).digest('hex');
  return `import:sha256=${hash}`;
}
