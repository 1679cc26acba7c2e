// What the preview hands the real widget in place of the server's `widget:ready`: this one
// notification, with its real template, position and phone rule, and its latest conversions
// (or a sample when there are none yet), on a timing that suits a preview.
import type { PublicConversion, WidgetReadyPayload } from '../../shared/protocol.ts';
import { samplePurchase } from '../../shared/sample-purchase.ts';
import type { Clock } from '../clock.ts';
import { toPublicConversion, toPublicCounter } from '../conversions/public-view.ts';
import { toWidgetDisplayRules, withDisplayDefaults } from '../notifications/display-rules.ts';
import { renderTemplate } from '../notifications/message-template.ts';
import type { Notification } from '../notifications/notification.types.ts';
import { createSiteLookStore } from '../notifications/site-design.ts';
import { toPublicNotification } from '../notifications/widget-look.ts';
import type { Storage } from '../storage/storage.ts';

const PREVIEW_CONVERSIONS = 5;
const SAMPLE_COUNT = 27;
const SAMPLE_VISITORS = 23;

export interface PreviewData {
  payload: WidgetReadyPayload;
  /** True when the popup shows made-up data because nothing real exists yet. */
  sample: boolean;
}

export async function buildPreviewData(
  storage: Storage,
  clock: Clock,
  notification: Notification,
  liveVisitors: number,
  /** The language to preview (`?lang=` on the preview page); the notification's default otherwise. */
  lang?: unknown,
): Promise<PreviewData> {
  const now = clock.now();
  const rules = withDisplayDefaults(notification.display);
  const display = toWidgetDisplayRules({
    ...rules,
    // Shown quickly and on repeat, on any page, whatever the age of the data or the visitor's history.
    firstDelayMs: 300,
    gapMs: 1500,
    loop: true,
    maxPerPage: 10_000,
    maxPerSession: 1_000_000,
    include: [],
    exclude: [],
    historyLimit: PREVIEW_CONVERSIONS,
    historyMaxAgeMs: 0,
  });
  const payload: WidgetReadyPayload = {
    serverTime: now,
    // The saved design and words, as the site's widgets get them.
    notifications: [
      {
        ...toPublicNotification(
          notification,
          await createSiteLookStore(storage.settings).get(notification.siteId),
          lang,
        ),
        display,
      },
    ],
    conversions: [],
    counters: [],
    visitors: null,
  };
  let sample = false;
  if (notification.kind === 'stream') {
    let latest = await storage.conversions.listByNotification(notification.id, { limit: PREVIEW_CONVERSIONS });
    if (latest.length === 0) {
      // Three minutes ago, so the popup reads as the recent event a real one would be.
      latest = [
        samplePurchase(now - 3 * 60_000, { id: -1, notificationId: notification.id, siteId: notification.siteId }),
      ];
      sample = true;
    }
    payload.conversions = latest.map((c): PublicConversion => toPublicConversion(c, notification));
  } else if (notification.kind === 'conversion') {
    const count = await storage.conversions.countSince(notification.id, now - rules.counterWindowMs);
    sample = count === 0;
    // The minimum is the visitors' rule; the preview shows what the popup will look like.
    payload.counters = [
      toPublicCounter(
        notification.id,
        sample ? SAMPLE_COUNT : count,
        rules.counterWindowMs,
        0,
        notification.messageTemplate,
      ),
    ];
  } else {
    sample = liveVisitors === 0;
    const count = String(sample ? SAMPLE_VISITORS : liveVisitors);
    payload.visitors = { count: Number(count), message: renderTemplate(notification.messageTemplate, { count }) };
  }
  return { payload, sample };
}
