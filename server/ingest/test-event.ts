// Test events: a request marked `X-Proofhook-Test: 1` (Send test marks its own) is read like any
// other, kept as a delivery with the outcome 'test', and shown only to preview widgets. Any sender may
// set the header: it can only keep its own event out of sight, which is harmless.
import type { Conversion } from '../conversions/conversion.types.ts';
import type { NormalizedConversion } from '../normalize/types.ts';

/** Lower-case, as stored request headers are. */
export const TEST_EVENT_HEADER = 'x-proofhook-test';

export const TEST_EVENT_REASON = 'test event (X-Proofhook-Test): shown only in previews, not stored as a conversion';

export function isTestRequest(headers: Readonly<Record<string, string>>): boolean {
  return headers[TEST_EVENT_HEADER]?.trim() === '1';
}

export interface TestEventSource {
  deliveryId: number;
  notificationId: number;
  siteId: number;
  receivedAt: number;
  normalized: NormalizedConversion;
}

/**
 * A test event in the shape of a stored conversion, so the one public-view builder (and its privacy
 * rules) makes what preview widgets see. Its id is the delivery's id negated: never a real
 * conversion's (those are positive), so a widget never mistakes one for the other, and the same test
 * delivery always has the same id (a replay of it is an update, not a second popup).
 */
export function testEventConversion(source: TestEventSource): Conversion {
  const { normalized } = source;
  return {
    id: -source.deliveryId,
    notificationId: source.notificationId,
    siteId: source.siteId,
    deliveryId: source.deliveryId,
    receivedAt: source.receivedAt,
    timestamp: normalized.timestamp,
    dedupeKey: null,
    email: normalized.email,
    firstName: normalized.firstName,
    lastName: normalized.lastName,
    nameDerived: normalized.nameDerived,
    city: normalized.city,
    state: normalized.state,
    stateCode: normalized.stateCode,
    country: normalized.country,
    countryCode: normalized.countryCode,
    productName: normalized.productName,
    productLink: normalized.productLink,
    productImage: normalized.productImage,
    total: normalized.total,
    currency: normalized.currency,
    products: normalized.products,
    moreProducts: normalized.moreProducts,
  };
}
