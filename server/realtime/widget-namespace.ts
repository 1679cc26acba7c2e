// The Socket.IO namespace widgets listen on: handshake by public widget key, one room per site,
// backfill on connect, live pushes after each ingest commit. Widgets can only listen: the one
// event they may send (stats) is validated, rate limited and never relayed to other clients.
// With several processes (a cluster adapter), pushes reach every process's widgets through the
// adapter, visitor counts are summed over the processes, and nothing pushed while Redis was away
// stays missed (redis-recovery.ts). A widget opened from the admin's preview link is a preview
// widget: it gets the live pushes and the site's test events, and is neither counted nor heard.
// Each job has its own file; this one only puts them together.
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { WIDGET_NAMESPACE } from '../../shared/protocol.ts';
import type { Clock } from '../clock.ts';
import { createGoalEvents } from '../goals/goal-events.ts';
import type { Limits } from '../limits.ts';
import type { Storage } from '../storage/storage.ts';
import type { WidgetCapture } from '../capture/form-capture.ts';
import { createConfigPush } from './config-push.ts';
import { createConnectionCaps } from './connection-caps.ts';
import { createConversionPublisher } from './conversion-publisher.ts';
import type { PreviewTokens } from './preview-token.ts';
import { createProductCounterPush } from './product-counters.ts';
import { createRedisRecovery } from './redis-recovery.ts';
import { createSitePushes } from './site-pushes.ts';
import { createVisitorCounts } from './visitor-counts.ts';
import { createWidgetConnectionHandler } from './widget-connection.ts';
import { createWidgetHandshake } from './widget-handshake.ts';
import type { ClientHandshake, RealtimeCluster, WidgetNamespace } from './widget-socket.types.ts';
import { createWidgetStats } from './widget-stats.ts';

export type { ClientHandshake, RealtimeCluster } from './widget-socket.types.ts';

export interface WidgetRealtimeDeps {
  /** Where a site's widget shook hands from (the admin's "snippet seen" step); nothing is recorded without it. */
  onWidgetSeen?: (siteId: number, origin: string | undefined) => unknown;
  storage: Storage;
  clock: Clock;
  logger: Logger;
  limits: Pick<Limits, 'widgetsPerIp' | 'widgetsPerSite'>;
  cluster?: RealtimeCluster;
  /** Checks the preview tokens of the admin's "Preview on my site" links; without it, no widget is a preview. */
  previewTokens?: PreviewTokens;
  /**
   * The client's address for the per-address caps and stats limits (behind a trusted proxy, the
   * address it forwards); the TCP peer's address when absent.
   */
  clientAddress?: (handshake: ClientHandshake) => string;
  /** Form capture (server/capture): its rules in each snapshot, captured forms heard; none without it. */
  capture?: WidgetCapture;
}

export function attachWidgetNamespace(io: Server, deps: WidgetRealtimeDeps) {
  const { storage, clock, logger, cluster } = deps;
  // The widget speaks websocket only. Engine.IO's long-polling would let anyone hold sessions open
  // with plain HTTP requests the widget never makes, so the engine accepts no other transport.
  io.engine.opts.transports = ['websocket'];
  const nsp = io.of(WIDGET_NAMESPACE) as WidgetNamespace;
  const caps = createConnectionCaps(deps.limits);
  const pushes = createSitePushes(nsp, { cluster, logger });
  const visitors = createVisitorCounts(nsp, { storage, clock, logger, cluster, pushes });
  const publisher = createConversionPublisher({
    storage,
    clock,
    logger,
    pushes,
    keepForReplay: Boolean(cluster),
    pushProductCounter: createProductCounterPush(nsp, { storage, clock }),
  });

  const listenForStats = createWidgetStats({ storage, clock, logger });
  const listenForGoals = createGoalEvents({ storage, clock, logger });
  const listenForStatsAndGoals = (socket: Parameters<typeof listenForStats>[0]) => {
    listenForStats(socket);
    listenForGoals(socket);
    deps.capture?.listen(socket);
  };
  nsp.use(
    createWidgetHandshake({
      storage,
      logger,
      caps,
      clientAddress: deps.clientAddress ?? ((handshake) => handshake.address),
      previewTokens: deps.previewTokens,
      onWidgetSeen: deps.onWidgetSeen,
    }),
  );
  nsp.on(
    'connection',
    createWidgetConnectionHandler({
      storage,
      clock,
      logger,
      caps,
      visitors,
      listenForStats: listenForStatsAndGoals,
      capture: deps.capture,
      clustered: Boolean(cluster),
    }),
  );

  if (cluster) {
    const recover = createRedisRecovery(nsp, { logger, publisher, visitors });
    cluster.onRecovered((downSince) => {
      recover(downSince).catch((error) => logger.error({ err: error }, 'realtime: recovering after Redis failed'));
    });
  }

  return {
    publishConversion: publisher.publishConversion,
    publishTestEvent: publisher.publishTestEvent,
    countVisitors: visitors.countVisitors,
    /** After an admin saves a site's design or a notification: open widgets restyle without a reload. */
    pushConfig: createConfigPush(nsp, { storage, logger }),
    close: visitors.close,
  };
}
