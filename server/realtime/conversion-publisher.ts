// After the ingest commit: a conversion goes to its site's widgets as a popup, or as a counter's new
// value; a test event goes to the site's preview widgets only. With several processes, each push is
// also kept for a while, to be sent again when Redis comes back (see redis-recovery.ts).
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Conversion } from '../conversions/conversion.types.ts';
import { toPublicConversion } from '../conversions/public-view.ts';
import { withDisplayDefaults } from '../notifications/display-rules.ts';
import type { Notification } from '../notifications/notification.types.ts';
import type { Storage } from '../storage/storage.ts';
import { productPathOfLink } from '../conversions/product-path.ts';
import { isProductCounter } from './product-counters.ts';
import { createRecentPushes } from './recent-pushes.ts';
import type { SitePushes } from './site-pushes.ts';
import { countConversions } from './widget-snapshot.ts';

export interface ConversionPublisherDeps {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  pushes: SitePushes;
  /** Keep pushes to send again after a Redis outage (only with several processes). */
  keepForReplay: boolean;
  /** A product counter's new count to its product's pages (product-counters.ts); none without it. */
  pushProductCounter?: (conversion: Conversion, notification: Notification) => Promise<void>;
}

export function createConversionPublisher(deps: ConversionPublisherDeps) {
  const { storage, clock, logger, pushes } = deps;
  const recentPushes = createRecentPushes();

  const isTooOld = (conversion: Conversion, notification: Notification) =>
    conversion.timestamp < clock.now() - withDisplayDefaults(notification.display).historyMaxAgeMs;

  async function push(conversion: Conversion, notification: Notification) {
    if (notification.kind === 'stream') {
      const publicView = toPublicConversion(conversion, notification);
      await pushes.toSite(notification.siteId, 'conversion:created', publicView);
    } else if (isProductCounter(notification)) {
      await deps.pushProductCounter?.(conversion, notification);
    } else if (notification.kind === 'conversion') {
      const counter = await countConversions(storage, clock, notification);
      await pushes.toSite(notification.siteId, 'counter:updated', counter);
    }
  }

  return {
    /**
     * Pushes the conversion (or the new count) to the site's widgets. A conversion older than the
     * notification's history window is stored but not pushed: it would pop up as news from years
     * ago, and no backfill would show it either.
     */
    async publishConversion(conversion: Conversion, notification: Notification) {
      if (notification.status !== 'active') return;
      if (notification.kind === 'stream' && isTooOld(conversion, notification)) {
        logger.debug({ conversionId: conversion.id }, 'realtime: not pushed, older than the history window');
        return;
      }
      if (deps.keepForReplay) recentPushes.add({ at: clock.now(), conversion, notification });
      await push(conversion, notification);
    },

    /**
     * A test event (see server/ingest/test-event.ts): its public view, marked `test`, goes to the
     * site's preview widgets only. Counters and visitor counts never see tests.
     */
    publishTestEvent(event: Conversion, notification: Notification) {
      if (notification.status !== 'active' || notification.kind !== 'stream') return;
      pushes.toPreviews(notification.siteId, { ...toPublicConversion(event, notification), test: true });
    },

    /** Sends again what was pushed since `downSince` (a counter once, with its current value). */
    async replaySince(downSince: number) {
      const missed = recentPushes.since(downSince);
      if (missed.length > 0) logger.info({ pushes: missed.length }, 'realtime: sending again what Redis missed');
      const counted = new Set<string>();
      for (const { conversion, notification } of missed) {
        // A product counter has one count per product: each missed product's count is sent once.
        const counter = isProductCounter(notification)
          ? `${notification.id}:${productPathOfLink(conversion.productLink)}`
          : String(notification.id);
        if (notification.kind === 'conversion' && counted.has(counter)) continue;
        counted.add(counter);
        try {
          await push(conversion, notification);
        } catch (error) {
          logger.warn({ err: error }, 'realtime: sending a missed push again failed');
        }
      }
    },
  };
}

export type ConversionPublisher = ReturnType<typeof createConversionPublisher>;
