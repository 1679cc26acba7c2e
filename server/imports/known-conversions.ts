// The fingerprints of a notification's stored conversions: an import skips rows already there,
// whenever and however they arrived (dedupe keys alone are forgotten after 72 hours).
import type { Storage } from '../storage/storage.ts';
import { conversionFingerprint } from './entry-rules.ts';

const PAGE = 500;

export async function knownFingerprints(storage: Storage, notificationId: number): Promise<Set<string>> {
  const known = new Set<string>();
  let beforeId: number | undefined;
  for (;;) {
    const page = await storage.conversions.listByNotification(notificationId, { limit: PAGE, beforeId });
    for (const conversion of page) known.add(conversionFingerprint(conversion));
    const last = page.at(-1);
    if (page.length < PAGE || !last) return known;
    beforeId = last.id;
  }
}
