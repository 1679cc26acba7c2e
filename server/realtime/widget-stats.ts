// Impressions, clicks and dismisses sent by widgets: validated, limited and stored, never relayed.
// Two limits: per connection (junk costs nothing to drop), and per client address and notification,
// so a page that reconnects again and again cannot make up stats: its new sockets share the budget.
import type { Logger } from 'pino';
import type { WidgetStatType } from '../../shared/protocol.ts';
import type { Clock } from '../clock.ts';
import type { Storage } from '../storage/storage.ts';
import type { WidgetSocket } from './widget-socket.types.ts';

const STAT_TYPES = new Set<WidgetStatType>(['impression', 'click', 'dismiss']);
const WINDOW_MS = 60_000;
/** A page shows at most a popup every few seconds; more messages than this per minute is abuse. */
export const MAX_STATS_PER_CONNECTION_PER_MINUTE = 60;
/**
 * A popup is an impression and maybe a click or a dismiss, each shown for at least a second with a
 * gap between: a visitor's tabs on one site stay far below this. Shared by everyone behind one
 * address (an office, a carrier NAT), which is why it is not lower.
 */
export const MAX_STATS_PER_ADDRESS_PER_NOTIFICATION_PER_MINUTE = 30;

/** Fixed one-minute windows per key; keys whose window is over are swept once a minute. */
export function createMinuteBudget(clock: Clock, perMinute: number) {
  const windows = new Map<string, { start: number; used: number }>();
  let sweptAt = clock.now();
  return {
    /** True (and counted) while the key has budget left this minute. */
    take(key: string): boolean {
      const now = clock.now();
      if (now - sweptAt >= WINDOW_MS) {
        for (const [k, window] of windows) if (now - window.start >= WINDOW_MS) windows.delete(k);
        sweptAt = now;
      }
      let window = windows.get(key);
      if (!window || now - window.start >= WINDOW_MS) {
        window = { start: now, used: 0 };
        windows.set(key, window);
      }
      window.used += 1;
      return window.used <= perMinute;
    },
  };
}

export function createWidgetStats(deps: { storage: Storage; clock: Clock; logger: Logger }) {
  const { storage, clock, logger } = deps;
  const perAddress = createMinuteBudget(clock, MAX_STATS_PER_ADDRESS_PER_NOTIFICATION_PER_MINUTE);

  /** Records what this (non-preview) widget reports about the notifications it was given. */
  return function listenForStats(socket: WidgetSocket) {
    const perConnection = createMinuteBudget(clock, MAX_STATS_PER_CONNECTION_PER_MINUTE);
    // One write at a time per connection, in the order the widget sent them: on PostgreSQL each
    // write takes its own pooled connection, so a dismiss could otherwise be counted before the
    // click it followed. A widget sends a few stats a minute, so the queue never grows.
    let previous: Promise<void> = Promise.resolve();
    const store = (notificationId: number, type: WidgetStatType) => {
      previous = previous.then(async () => {
        try {
          await storage.widgetStats.record(notificationId, type, clock.now());
        } catch (error) {
          logger.warn({ err: error }, 'realtime: recording a widget stat failed');
        }
      });
    };
    socket.on('stat:record', (stat) => {
      if (!perConnection.take('')) return;
      if (typeof stat !== 'object' || stat === null) return;
      const { type, notificationId } = stat as { type?: unknown; notificationId?: unknown };
      if (!STAT_TYPES.has(type as WidgetStatType)) return;
      if (typeof notificationId !== 'number' || !socket.data.notificationIds.has(notificationId)) return;
      if (!perAddress.take(`${notificationId} ${socket.data.address}`)) return;
      store(notificationId, type as WidgetStatType);
    });
  };
}
