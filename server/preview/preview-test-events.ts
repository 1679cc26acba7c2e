// The latest test events (Send test) of a stream notification, as its preview widgets see them: the
// admin's Preview tab shows them first, so a test sent from the inspector shows up there too.
import type { PublicConversion } from '../../shared/protocol.ts';
import { toPublicConversion } from '../conversions/public-view.ts';
import { testEventConversion } from '../ingest/test-event.ts';
import type { Notification } from '../notifications/notification.types.ts';
import type { Storage } from '../storage/storage.ts';
import type { PreviewData } from './preview-payload.ts';

/** Test events are looked for among this many latest deliveries; older ones are not previewed. */
const DELIVERIES_LOOKED_AT = 20;
const TESTS_SHOWN = 5;

export async function latestTestEvents(storage: Storage, notification: Notification): Promise<PublicConversion[]> {
  if (notification.kind !== 'stream') return [];
  const recent = await storage.deliveries.listByNotification(notification.id, { limit: DELIVERIES_LOOKED_AT });
  const tests: PublicConversion[] = [];
  for (const delivery of recent) {
    if (delivery.outcome !== 'test' || !delivery.normalized) continue;
    const event = testEventConversion({
      ...delivery,
      deliveryId: delivery.id,
      siteId: notification.siteId,
      normalized: delivery.normalized,
    });
    tests.push({ ...toPublicConversion(event, notification), test: true });
    if (tests.length === TESTS_SHOWN) break;
  }
  return tests;
}

/** The preview's data with the test events first; they replace the made-up sample. */
export function withTestEvents(data: PreviewData, tests: PublicConversion[]): PreviewData {
  if (tests.length === 0) return data;
  const real = data.sample ? [] : data.payload.conversions;
  return { sample: false, payload: { ...data.payload, conversions: [...tests, ...real] } };
}
