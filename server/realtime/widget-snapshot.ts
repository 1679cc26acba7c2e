// What a widget gets on connect: its notifications, recent conversions (the backfill), counters.
import type { PublicCounter, PublicNotification, PublicVisitors, WidgetReadyPayload } from '../../shared/protocol.ts';
import type { Clock } from '../clock.ts';
import { toPublicConversion, toPublicCounter } from '../conversions/public-view.ts';
import { withDisplayDefaults } from '../notifications/display-rules.ts';
import type { Notification } from '../notifications/notification.types.ts';
import { createSiteLookStore } from '../notifications/site-design.ts';
import { toPublicNotification } from '../notifications/widget-look.ts';
import type { Storage } from '../storage/storage.ts';
import { countProductConversions, isProductCounter } from './product-counters.ts';

export async function countConversions(
  storage: Storage,
  clock: Clock,
  notification: Notification,
): Promise<PublicCounter> {
  const rules = withDisplayDefaults(notification.display);
  const count = await storage.conversions.countSince(notification.id, clock.now() - rules.counterWindowMs);
  return toPublicCounter(
    notification.id,
    count,
    rules.counterWindowMs,
    rules.minimumCount,
    notification.messageTemplate,
  );
}

/** Active notifications only: a paused one shows nothing until it is resumed. */
export async function listShownNotifications(storage: Storage, siteId: number): Promise<Notification[]> {
  return (await storage.notifications.listBySite(siteId)).filter((n) => n.status === 'active');
}

export async function buildWidgetSnapshot(
  storage: Storage,
  clock: Clock,
  notifications: Notification[],
  sinceId: number | undefined,
  visitors: PublicVisitors | null,
  /** The page's language from the handshake: which words each notification carries. */
  lang?: unknown,
  /** The page's checked path (product-path.ts): what product counters count. */
  productPath?: string,
): Promise<WidgetReadyPayload> {
  const now = clock.now();
  const siteId = notifications[0]?.siteId;
  const siteLook = siteId === undefined ? { design: {} } : await createSiteLookStore(storage.settings).get(siteId);
  const publicNotifications: PublicNotification[] = notifications.map((n) => toPublicNotification(n, siteLook, lang));
  const conversions = [];
  const counters = [];
  for (const notification of notifications) {
    const rules = withDisplayDefaults(notification.display);
    if (notification.kind === 'stream') {
      const recent = await storage.conversions.listRecent({
        notificationIds: [notification.id],
        since: now - rules.historyMaxAgeMs,
        afterId: sinceId,
        limit: rules.historyLimit,
      });
      conversions.push(...recent.map((c) => toPublicConversion(c, notification)));
    } else if (notification.kind === 'conversion') {
      counters.push(
        isProductCounter(notification)
          ? await countProductConversions(storage, clock, notification, productPath)
          : await countConversions(storage, clock, notification),
      );
    }
  }
  conversions.sort((a, b) => b.id - a.id);
  return { serverTime: now, notifications: publicNotifications, conversions, counters, visitors };
}
