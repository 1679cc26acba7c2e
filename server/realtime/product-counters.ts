// Product counters: a conversion counter with product match counts, for the page a widget runs on,
// only the conversions whose product link has that page's path ("3 people bought this in the last 24
// hours"). The widget sends its path in the handshake; its snapshot carries the count for that path,
// and it joins a room per site and path, so a new conversion of that product pushes the new count to
// the pages of that product only. Only the number travels, never a conversion.
import type { PublicCounter } from '../../shared/protocol.ts';
import type { Clock } from '../clock.ts';
import type { Conversion } from '../conversions/conversion.types.ts';
import { productPathOfLink } from '../conversions/product-path.ts';
import { toPublicCounter } from '../conversions/public-view.ts';
import { LOCALES } from '../i18n/locales.ts';
import { DEFAULT_TEMPLATES } from '../notifications/message-template.ts';
import { withDisplayDefaults } from '../notifications/display-rules.ts';
import type { Notification } from '../notifications/notification.types.ts';
import type { Storage } from '../storage/storage.ts';
import type { WidgetNamespace } from './widget-socket.types.ts';

/** The widgets of one product page of a site. */
export const productRoom = (siteId: number, path: string) => `product:${siteId}:${path}`;

export const isProductCounter = (notification: Pick<Notification, 'kind' | 'display'>): boolean =>
  notification.kind === 'conversion' && withDisplayDefaults(notification.display).productMatch === true;

/**
 * The count for one product page; without a page path (the home page, an older widget) it is 0, so the
 * popup stays hidden rather than saying "bought this" of the whole shop. The server's own line, its
 * fallback, says "bought this" too unless the owner wrote their own message.
 */
export async function countProductConversions(
  storage: Storage,
  clock: Clock,
  notification: Notification,
  path: string | undefined,
): Promise<PublicCounter> {
  const rules = withDisplayDefaults(notification.display);
  const since = clock.now() - rules.counterWindowMs;
  const count =
    path && storage.productCounts ? await storage.productCounts.countSince(notification.id, path, since) : 0;
  const template =
    notification.messageTemplate === DEFAULT_TEMPLATES.conversion
      ? LOCALES.en.productCounter
      : notification.messageTemplate;
  const counter = toPublicCounter(notification.id, count, rules.counterWindowMs, rules.minimumCount, template);
  return path ? { ...counter, path } : counter;
}

/**
 * After a conversion of a product counter is stored: its product's new count to that product's pages,
 * on every process (through the adapter, like config pushes). A conversion without a link changes no
 * product page's count.
 */
export function createProductCounterPush(nsp: WidgetNamespace, deps: { storage: Storage; clock: Clock }) {
  return async (conversion: Conversion, notification: Notification): Promise<void> => {
    const path = productPathOfLink(conversion.productLink);
    if (!path) return;
    const counter = await countProductConversions(deps.storage, deps.clock, notification, path);
    nsp.to(productRoom(notification.siteId, path)).emit('counter:updated', counter);
  };
}
