// Live visitors: the widgets of a site on every process (each process answers for its own over the
// cluster adapter), pushed to the site's widgets when they come and go, coalesced.
import type { Logger } from 'pino';
import type { PublicVisitors } from '../../shared/protocol.ts';
import type { Clock } from '../clock.ts';
import { withDisplayDefaults } from '../notifications/display-rules.ts';
import { renderTemplate } from '../notifications/message-template.ts';
import type { Storage } from '../storage/storage.ts';
import type { SitePushes } from './site-pushes.ts';
import { siteRoom } from './sliced-broadcast.ts';
import { listShownNotifications } from './widget-snapshot.ts';
import type { RealtimeCluster, WidgetNamespace } from './widget-socket.types.ts';

/** Visitor counts change with every page view; coalesce the broadcasts. */
const VISITORS_BROADCAST_DELAY_MS = 1000;
/** A process that does not answer within this is left out of a visitor count rather than waited for. */
const CLUSTER_COUNT_TIMEOUT_MS = 1000;
/** The admin preview reads counts synchronously: the last cluster-wide total, while this fresh. */
const CLUSTER_COUNT_FRESH_MS = 5000;

export interface VisitorCounts {
  /** Synchronous, for the admin preview: the last cluster-wide count while fresh, else this process's. */
  countVisitors(siteId: number): number;
  /** Null unless the site has an active visitors notification and the count reaches its minimum. */
  visibleVisitors(siteId: number): Promise<PublicVisitors | null>;
  /** A widget came or went: the site's widgets get the new count in a moment. */
  scheduleBroadcast(siteId: number): void;
  /** Every site with widgets here is counted again (after widgets elsewhere came and went unseen). */
  recountAll(): void;
  close(): void;
}

export function createVisitorCounts(
  nsp: WidgetNamespace,
  deps: { storage: Storage; clock: Clock; logger: Logger; cluster: RealtimeCluster | undefined; pushes: SitePushes },
): VisitorCounts {
  const { storage, clock, logger, cluster, pushes } = deps;
  const pendingBroadcasts = new Map<number, NodeJS.Timeout>();
  /** Sites whose widgets were last told there is no visitors notification. */
  const sitesToldNoVisitors = new Set<number>();
  const clusterCounts = new Map<number, { count: number; at: number }>();
  const countLocal = (siteId: number) => nsp.adapter.rooms.get(siteRoom(siteId))?.size ?? 0;

  nsp.on('visitors:count', (siteId, reply) => {
    if (typeof siteId === 'number' && typeof reply === 'function') reply(countLocal(siteId));
  });

  /** Widgets of the site on every process; a process that is away or slow counts as none. */
  async function countEverywhere(siteId: number): Promise<number> {
    const local = countLocal(siteId);
    if (!cluster?.isConnected()) return local;
    const others = await new Promise<number[]>((resolve) => {
      const timer = setTimeout(() => resolve([]), CLUSTER_COUNT_TIMEOUT_MS);
      const done = (error: Error | null, responses: unknown[] = []) => {
        clearTimeout(timer);
        if (error) logger.debug({ err: error }, 'realtime: a process did not report its visitor count');
        resolve(responses.filter((n): n is number => typeof n === 'number'));
      };
      // The adapter's own promise, so a Redis error is caught here rather than left unhandled.
      Promise.resolve(nsp.adapter.serverSideEmit(['visitors:count', siteId, done])).catch((error: Error) =>
        done(error),
      );
    });
    const count = others.reduce((sum, n) => sum + n, local);
    clusterCounts.set(siteId, { count, at: clock.now() });
    return count;
  }

  async function visibleVisitors(siteId: number): Promise<PublicVisitors | null> {
    const notification = (await listShownNotifications(storage, siteId)).find((n) => n.kind === 'visitors');
    if (!notification) return null;
    const count = await countEverywhere(siteId);
    if (count < Math.max(1, withDisplayDefaults(notification.display).minimumCount)) return null;
    return { count, message: renderTemplate(notification.messageTemplate, { count: String(count) }) };
  }

  async function broadcast(siteId: number) {
    // Every connect and disconnect schedules this. A site without a visitors notification would
    // push the same `null` to all its widgets every second while they arrive (14 pushes per widget
    // at 10,000 in the bench); its widgets already have that null from their snapshot or from the
    // first push after the notification went away, so it is sent once.
    const shown = await listShownNotifications(storage, siteId);
    if (!shown.some((n) => n.kind === 'visitors')) {
      if (sitesToldNoVisitors.has(siteId)) return;
      sitesToldNoVisitors.add(siteId);
    } else {
      sitesToldNoVisitors.delete(siteId);
    }
    await pushes.toSite(siteId, 'visitors:updated', await visibleVisitors(siteId));
  }

  function scheduleBroadcast(siteId: number) {
    if (pendingBroadcasts.has(siteId)) return;
    const timer = setTimeout(() => {
      pendingBroadcasts.delete(siteId);
      broadcast(siteId).catch((error) => logger.warn({ err: error, siteId }, 'realtime: visitor broadcast failed'));
    }, VISITORS_BROADCAST_DELAY_MS);
    timer.unref();
    pendingBroadcasts.set(siteId, timer);
  }

  return {
    countVisitors(siteId) {
      const known = clusterCounts.get(siteId);
      return known && clock.now() - known.at < CLUSTER_COUNT_FRESH_MS ? known.count : countLocal(siteId);
    },
    visibleVisitors,
    scheduleBroadcast,
    recountAll() {
      for (const room of nsp.adapter.rooms.keys()) {
        const match = /^site:(\d+)$/.exec(room);
        if (match) scheduleBroadcast(Number(match[1]));
      }
    },
    close() {
      for (const timer of pendingBroadcasts.values()) clearTimeout(timer);
      pendingBroadcasts.clear();
    },
  };
}
