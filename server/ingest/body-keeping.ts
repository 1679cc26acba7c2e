// How much of a request body the delivery log keeps. A body that made nothing (ignored, unparsed,
// refused as too large) is kept only up to its first 8 KiB: enough to see in the inspector what the
// sender sent, and a public webhook URL cannot be used to fill the disk with megabytes of junk.
// Bodies Proofhook may need again keep every byte: accepted and duplicate ones (replayed after a
// field-map change), unverified ones (replayed once the secret is fixed), test events, and an
// unparsed body that failed by our own fault (replayed after the fix).
import type { DeliveryRecord } from '../deliveries/delivery.types.ts';
import { NORMALIZING_FAILED_REASON } from './interpret-delivery.ts';

export const UNUSED_BODY_KEPT_BYTES = 8 * 1024;

const CAPPED_OUTCOMES = new Set<DeliveryRecord['outcome']>(['ignored', 'unparsed', 'rejected']);

/** The record as stored: a capped outcome's body cut to its start, marked truncated, with a note saying so. */
export function keepBodyOf(record: DeliveryRecord): DeliveryRecord {
  const { body } = record;
  if (!CAPPED_OUTCOMES.has(record.outcome) || record.reason === NORMALIZING_FAILED_REASON) return record;
  if (body === null || body.length <= UNUSED_BODY_KEPT_BYTES) return record;
  const note = `body kept to its first ${UNUSED_BODY_KEPT_BYTES} of ${record.bodyBytes} bytes (${record.outcome} deliveries keep only their start)`;
  return {
    ...record,
    body: Buffer.from(body.subarray(0, UNUSED_BODY_KEPT_BYTES)),
    bodyTruncated: true,
    reason: record.reason ? `${record.reason}; ${note}` : note,
  };
}
