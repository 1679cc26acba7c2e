// The Socket.IO namespace widgets listen on: handshake by public widget key, one room per site,
// backfill on connect, live pushes after each ingest commit. Widgets can only listen: the one
// event they may send (stats) is validated, rate limited and never relayed to other clients.
// With several processes (a cluster adapter), pushes reach every process's widgets through the
// adapter, visitor counts are summed over the processes, and pushes made while Redis was away are
// sent again when it returns. A widget opened from the admin's preview link is a preview widget:
// it gets the live pushes and the site's test events, and is neither counted nor heard (stats).
import type { Logger } from 'pino';
import type { Namespace, Server, Socket } from 'socket.io';
import {
  type PublicConversion,
  type PublicVisitors,
  type ServerToWidgetEvents,
  WIDGET_NAMESPACE,
  type WidgetHandshakeAuth,
  type WidgetStatType,
  type WidgetToServerEvents,
} from '../../shared/protocol.ts';
import type { Clock } from '../clock.ts';
import type { Conversion } from '../conversions/conversion.types.ts';
import { toPublicConversion } from '../conversions/public-view.ts';
import { withDisplayDefaults } from '../notifications/display-rules.ts';
import { renderTemplate } from '../notifications/message-template.ts';
import type { Notification } from '../notifications/notification.types.ts';
import type { Limits } from '../limits.ts';
import type { Storage } from '../storage.ts';
import { type PreviewTokens, previewChecker } from './preview-token.ts';
import { createRecentPushes } from './recent-pushes.ts';
import { broadcastLocally, createShardPicker, previewRoom, shardRoom, siteRoom } from './sliced-broadcast.ts';
import { buildWidgetSnapshot, countConversions, listShownNotifications } from './widget-snapshot.ts';

interface SocketData {
  siteId: number;
  notificationIds: Set<number>;
  /** Opened with a valid preview token: gets test events, is not counted, its stats are ignored. */
  preview: boolean;
}

type PushEvent = 'conversion:created' | 'counter:updated' | 'visitors:updated';
const PUSH_EVENTS = new Set<string>(['conversion:created', 'counter:updated', 'visitors:updated']);

/** Between processes (Socket.IO serverSideEmit over the cluster adapter). */
interface ServerSideEvents {
  /** "How many widgets of this site do you have?", answered through the ack. */
  'visitors:count': (siteId: number, reply: (count: number) => void) => void;
  /** "Push this to your widgets of the site": one Redis message per push, sliced by each process. */
  'site:push': (siteId: number, event: PushEvent, payload: unknown) => void;
  /**
   * "Push this to your preview widgets of the site" (test events). An event of its own, not an
   * argument of site:push: a process of an older version would broadcast it to every visitor.
   */
  'preview:push': (siteId: number, payload: PublicConversion) => void;
}

type WidgetNamespace = Namespace<WidgetToServerEvents, ServerToWidgetEvents, ServerSideEvents, SocketData>;
type WidgetSocket = Socket<WidgetToServerEvents, ServerToWidgetEvents, ServerSideEvents, SocketData>;

/** Set when the Socket.IO server has a cluster adapter (see redis-streams-adapter.ts). */
export interface RealtimeCluster {
  /** False while the adapter's Redis is away: cross-process requests would only fail. */
  isConnected(): boolean;
  onRecovered(listener: (downSince: number) => void): void;
}

export interface WidgetRealtimeDeps {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  limits: Pick<Limits, 'widgetsPerIp' | 'widgetsPerSite'>;
  cluster?: RealtimeCluster;
  /** Checks the preview tokens of the admin's "Preview on my site" links; without it, no widget is a preview. */
  previewTokens?: PreviewTokens;
}

const STAT_TYPES = new Set<WidgetStatType>(['impression', 'click', 'dismiss']);
/** A page shows at most a popup every few seconds; more stats than this per minute is abuse. */
const MAX_STATS_PER_MINUTE = 60;
/** Visitor counts change with every page view; coalesce the broadcasts. */
const VISITORS_BROADCAST_DELAY_MS = 1000;
const MAX_KEY_LENGTH = 100;
/** A process that does not answer within this is left out of a visitor count rather than waited for. */
const CLUSTER_COUNT_TIMEOUT_MS = 1000;
/** The admin preview reads counts synchronously: the last cluster-wide total, while this fresh. */
const CLUSTER_COUNT_FRESH_MS = 5000;
/** After Redis comes back, this process's widgets reconnect at random moments within this window. */
const CATCH_UP_SPREAD_MS = 5000;

export function attachWidgetNamespace(io: Server, deps: WidgetRealtimeDeps) {
  const { storage, clock, logger } = deps;
  const nsp = io.of(WIDGET_NAMESPACE) as WidgetNamespace;
  const pendingVisitorBroadcasts = new Map<number, NodeJS.Timeout>();
  /** Sites whose widgets were last told there is no visitors notification. */
  const sitesToldNoVisitors = new Set<number>();
  const pickShard = createShardPicker();
  const connectionsPerIp = new Map<string, number>();
  const connectionsPerSite = new Map<number, number>();
  const adjust = <K>(counts: Map<K, number>, key: K, by: number) => {
    const next = (counts.get(key) ?? 0) + by;
    if (next > 0) counts.set(key, next);
    else counts.delete(key);
  };
  const tooMany = (message: string) =>
    // `retry`: the widget backs off and tries again rather than giving up for the page view.
    Object.assign(new Error(message), { data: { retry: true } });

  const { cluster } = deps;
  const recentPushes = createRecentPushes();
  const countLocalVisitors = (siteId: number) => nsp.adapter.rooms.get(siteRoom(siteId))?.size ?? 0;
  const clusterCounts = new Map<number, { count: number; at: number }>();

  nsp.on('visitors:count', (siteId, reply) => {
    if (typeof siteId === 'number' && typeof reply === 'function') reply(countLocalVisitors(siteId));
  });

  /**
   * Sends a push to the site's widgets on every process: one message to the other processes, then
   * this process's own widgets, sliced. The message is a server-side emit, which the streams adapter
   * sends with Redis PUBLISH (not into the stream): a process whose Redis is away misses it, and
   * catches up when Redis returns (see onRecovered below). It is not awaited: while Redis is away
   * this process's widgets must not wait.
   */
  async function pushToSite(siteId: number, event: PushEvent, payload: unknown) {
    if (cluster) {
      // The adapter's own promise (Namespace.serverSideEmit drops it): nothing left unhandled.
      Promise.resolve(nsp.adapter.serverSideEmit(['site:push', siteId, event, payload])).catch((error: Error) =>
        logger.warn({ err: error, siteId }, 'realtime: a push could not reach the other processes'),
      );
    }
    await broadcastLocally(nsp, siteId, (target) => target.emit(event, payload as never));
  }

  nsp.on('site:push', (siteId, event, payload) => {
    // Only other Proofhook processes can publish on the adapter's channel; checked anyway, it costs nothing.
    if (typeof siteId !== 'number' || !PUSH_EVENTS.has(event)) return;
    broadcastLocally(nsp, siteId, (target) => target.emit(event, payload as never)).catch((error) =>
      logger.warn({ err: error, siteId }, 'realtime: a push from another process failed'),
    );
  });

  /** A test event to the site's preview widgets on every process, and to no one else. */
  function pushToPreviews(siteId: number, payload: PublicConversion) {
    if (cluster) {
      Promise.resolve(nsp.adapter.serverSideEmit(['preview:push', siteId, payload])).catch((error: Error) =>
        logger.warn({ err: error, siteId }, 'realtime: a test event could not reach the other processes'),
      );
    }
    nsp.local.to(previewRoom(siteId)).emit('conversion:created', payload);
  }

  nsp.on('preview:push', (siteId, payload) => {
    if (typeof siteId !== 'number' || payload?.test !== true) return;
    nsp.local.to(previewRoom(siteId)).emit('conversion:created', payload);
  });

  /** Widgets of the site on every process; a process that is away or slow counts as none. */
  async function countAllVisitors(siteId: number): Promise<number> {
    const local = countLocalVisitors(siteId);
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

  /** Synchronous, for the admin preview: the last cluster-wide count while fresh, else this process's. */
  const countVisitors = (siteId: number) => {
    const known = clusterCounts.get(siteId);
    return known && clock.now() - known.at < CLUSTER_COUNT_FRESH_MS ? known.count : countLocalVisitors(siteId);
  };

  /** Null unless the site has an active visitors notification and the count reaches its minimum. */
  async function visibleVisitors(siteId: number): Promise<PublicVisitors | null> {
    const notification = (await listShownNotifications(storage, siteId)).find((n) => n.kind === 'visitors');
    if (!notification) return null;
    const count = await countAllVisitors(siteId);
    if (count < Math.max(1, withDisplayDefaults(notification.display).minimumCount)) return null;
    return { count, message: renderTemplate(notification.messageTemplate, { count: String(count) }) };
  }

  function scheduleVisitorBroadcast(siteId: number) {
    if (pendingVisitorBroadcasts.has(siteId)) return;
    const timer = setTimeout(async () => {
      pendingVisitorBroadcasts.delete(siteId);
      try {
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
        const visitors = await visibleVisitors(siteId);
        await pushToSite(siteId, 'visitors:updated', visitors);
      } catch (error) {
        logger.warn({ err: error, siteId }, 'realtime: visitor broadcast failed');
      }
    }, VISITORS_BROADCAST_DELAY_MS);
    timer.unref();
    pendingVisitorBroadcasts.set(siteId, timer);
  }

  const isPreview = previewChecker(deps.previewTokens, logger);

  nsp.use(async (socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as Partial<WidgetHandshakeAuth>;
    const key = typeof auth.key === 'string' ? auth.key.slice(0, MAX_KEY_LENGTH) : '';
    try {
      const site = key ? await storage.sites.findByWidgetKey(key) : undefined;
      if (!site) {
        next(new Error('Unknown widget key: check the data-key attribute of the Proofhook script tag'));
        return;
      }
      const origin = socket.handshake.headers.origin;
      if (site.allowedOrigins.length > 0 && !(origin && site.allowedOrigins.includes(origin))) {
        next(new Error(`This site's widget may not be embedded on ${origin ?? 'a page without an origin'}`));
        return;
      }
      if ((connectionsPerIp.get(socket.handshake.address) ?? 0) >= deps.limits.widgetsPerIp) {
        next(tooMany('Too many widget connections from this address'));
        return;
      }
      if ((connectionsPerSite.get(site.id) ?? 0) >= deps.limits.widgetsPerSite) {
        next(tooMany('Too many widget connections for this site; try again later'));
        return;
      }
      const notifications = await listShownNotifications(storage, site.id);
      const preview = await isPreview(auth.preview, site.id);
      socket.data = { siteId: site.id, notificationIds: new Set(notifications.map((n) => n.id)), preview };
      next();
    } catch (error) {
      logger.error({ err: error }, 'realtime: widget handshake failed');
      // Our trouble, not a bad key: `retry` tells the widget to try again later instead of giving up.
      next(Object.assign(new Error('Proofhook is temporarily unavailable'), { data: { retry: true } }));
    }
  });

  nsp.on('connection', async (socket: WidgetSocket) => {
    const { siteId, preview } = socket.data;
    const ip = socket.handshake.address;
    // Everything needed from the upgrade request is in socket.handshake now; dropping the request
    // object roughly halves a connection's memory (https://socket.io/docs/v4/memory-usage/).
    (socket.conn as unknown as { request: unknown }).request = null;
    adjust(connectionsPerIp, ip, 1);
    adjust(connectionsPerSite, siteId, 1);
    // The site room counts visitors; the shard room is what broadcasts go to (see sliced-broadcast.ts).
    // A preview widget joins the broadcasts and its site's preview room, never the counted room.
    socket.join([preview ? previewRoom(siteId) : siteRoom(siteId), shardRoom(siteId, pickShard())]);
    if (!preview) scheduleVisitorBroadcast(siteId);
    socket.on('disconnect', () => {
      adjust(connectionsPerIp, ip, -1);
      adjust(connectionsPerSite, siteId, -1);
      if (!preview) scheduleVisitorBroadcast(siteId);
    });
    // The owner looking at their own site is not an impression, a click or a dismiss.
    if (!preview) listenForStats(socket);

    const auth = (socket.handshake.auth ?? {}) as Partial<WidgetHandshakeAuth>;
    const sinceId = Number.isSafeInteger(auth.sinceId) && (auth.sinceId as number) > 0 ? auth.sinceId : undefined;
    try {
      const notifications = await listShownNotifications(storage, siteId);
      const snapshot = await buildWidgetSnapshot(storage, clock, notifications, sinceId, await visibleVisitors(siteId));
      socket.emit('widget:ready', preview ? { ...snapshot, preview: true } : snapshot);
    } catch (error) {
      logger.error({ err: error, siteId }, 'realtime: building the widget snapshot failed');
      // Closing the transport (not the namespace) makes the widget reconnect with backoff.
      socket.conn.close();
    }
  });

  function listenForStats(socket: WidgetSocket) {
    let windowStart = clock.now();
    let inWindow = 0;
    socket.on('stat:record', async (stat) => {
      const now = clock.now();
      if (now - windowStart > 60_000) {
        windowStart = now;
        inWindow = 0;
      }
      inWindow += 1;
      if (inWindow > MAX_STATS_PER_MINUTE) return;
      if (typeof stat !== 'object' || stat === null) return;
      const { type, notificationId } = stat as { type?: unknown; notificationId?: unknown };
      if (!STAT_TYPES.has(type as WidgetStatType)) return;
      if (typeof notificationId !== 'number' || !socket.data.notificationIds.has(notificationId)) return;
      try {
        await storage.widgetStats.record(notificationId, type as WidgetStatType, now);
      } catch (error) {
        logger.warn({ err: error }, 'realtime: recording a widget stat failed');
      }
    });
  }

  /**
   * Called after the ingest commit: pushes the conversion (or the new count) to the site's widgets.
   * A conversion older than the notification's history window is stored but not pushed: it would pop
   * up as news from years ago, and no backfill would show it either.
   */
  async function publishConversion(conversion: Conversion, notification: Notification) {
    if (notification.status !== 'active') return;
    if (notification.kind === 'stream' && isTooOld(conversion, notification)) {
      logger.debug({ conversionId: conversion.id }, 'realtime: not pushed, older than the history window');
      return;
    }
    if (cluster) recentPushes.add({ at: clock.now(), conversion, notification });
    await push(conversion, notification);
  }

  const isTooOld = (conversion: Conversion, notification: Notification) =>
    conversion.timestamp < clock.now() - withDisplayDefaults(notification.display).historyMaxAgeMs;

  /**
   * Called after the commit of a test event (see server/ingest/test-event.ts): its public view, marked
   * `test`, goes to the site's preview widgets only. Counters and visitor counts never see tests.
   */
  function publishTestEvent(event: Conversion, notification: Notification) {
    if (notification.status !== 'active' || notification.kind !== 'stream') return;
    pushToPreviews(notification.siteId, { ...toPublicConversion(event, notification), test: true });
  }

  async function push(conversion: Conversion, notification: Notification) {
    if (notification.kind === 'stream') {
      const publicView = toPublicConversion(conversion, notification);
      await pushToSite(notification.siteId, 'conversion:created', publicView);
    } else if (notification.kind === 'conversion') {
      const counter = await countConversions(storage, clock, notification);
      await pushToSite(notification.siteId, 'counter:updated', counter);
    }
  }

  cluster?.onRecovered(async (downSince) => {
    const missed = recentPushes.since(downSince);
    if (missed.length > 0) logger.info({ pushes: missed.length }, 'realtime: sending again what Redis missed');
    const counted = new Set<number>();
    for (const { conversion, notification } of missed) {
      // A counter is sent once with its current value, not once per conversion.
      if (notification.kind === 'conversion' && counted.has(notification.id)) continue;
      counted.add(notification.id);
      try {
        await push(conversion, notification);
      } catch (error) {
        logger.warn({ err: error }, 'realtime: sending a missed push again failed');
      }
    }
    // Widgets elsewhere came and went unseen: every process's counts are redone.
    for (const room of nsp.adapter.rooms.keys()) {
      const match = /^site:(\d+)$/.exec(room);
      if (match) scheduleVisitorBroadcast(Number(match[1]));
    }
    // And this process's widgets missed what the others pushed meanwhile. Each is made to reconnect
    // (its transport closed, not its namespace: a namespace disconnect from the server is final for
    // the widget), spread over a few seconds so the reconnects do not arrive at once; a reconnecting
    // widget sends the id of the last conversion it has and gets what came after, with fresh
    // counters and visitor counts in the snapshot.
    const local = [...nsp.sockets.values()];
    if (local.length > 0) logger.info({ widgets: local.length }, 'realtime: widgets reconnect to catch up');
    for (const socket of local) {
      const timer = setTimeout(() => socket.conn.close(), Math.random() * CATCH_UP_SPREAD_MS);
      timer.unref();
    }
  });

  function close() {
    for (const timer of pendingVisitorBroadcasts.values()) clearTimeout(timer);
    pendingVisitorBroadcasts.clear();
  }

  return { publishConversion, publishTestEvent, countVisitors, close };
}
