// Pushes to a site's widgets on every process. Each push is one message to the other processes (a
// server-side emit, which the streams adapter sends with Redis PUBLISH, not into the stream), then
// this process's own widgets, sliced (see sliced-broadcast.ts). A process whose Redis is away misses
// the message; the sender keeps its recent pushes and sends them again when Redis is back, and every
// process makes its widgets catch up from storage (see redis-recovery.ts).
import type { Logger } from 'pino';
import type { PublicConversion } from '../../shared/protocol.ts';
import { broadcastLocally, previewRoom } from './sliced-broadcast.ts';
import { PUSH_EVENTS, type PushEvent, type RealtimeCluster, type WidgetNamespace } from './widget-socket.types.ts';

export interface SitePushes {
  /** Not awaited for the other processes: while Redis is away this process's widgets must not wait. */
  toSite(siteId: number, event: PushEvent, payload: unknown): Promise<void>;
  /** A test event to the site's preview widgets on every process, and to no one else. */
  toPreviews(siteId: number, payload: PublicConversion): void;
}

export function createSitePushes(
  nsp: WidgetNamespace,
  deps: { cluster: RealtimeCluster | undefined; logger: Logger },
): SitePushes {
  const { cluster, logger } = deps;

  /**
   * To the other processes, unless Redis is known to be away: then the message would only fail or
   * wait in a connection that does not answer, and the recovery sends what matters again.
   */
  const toOtherProcesses = (message: Parameters<WidgetNamespace['serverSideEmit']>, what: string, siteId: number) => {
    if (!cluster?.isConnected()) return;
    // The adapter's own promise (Namespace.serverSideEmit drops it): nothing left unhandled.
    Promise.resolve(nsp.adapter.serverSideEmit(message)).catch((error: Error) =>
      logger.warn({ err: error, siteId }, `realtime: ${what} could not reach the other processes`),
    );
  };

  nsp.on('site:push', (siteId, event, payload) => {
    // Only other Proofhook processes can publish on the adapter's channel; checked anyway, it costs nothing.
    if (typeof siteId !== 'number' || !PUSH_EVENTS.has(event)) return;
    broadcastLocally(nsp, siteId, (target) => target.emit(event, payload as never)).catch((error) =>
      logger.warn({ err: error, siteId }, 'realtime: a push from another process failed'),
    );
  });

  nsp.on('preview:push', (siteId, payload) => {
    if (typeof siteId !== 'number' || payload?.test !== true) return;
    nsp.local.to(previewRoom(siteId)).emit('conversion:created', payload);
  });

  return {
    async toSite(siteId, event, payload) {
      toOtherProcesses(['site:push', siteId, event, payload], 'a push', siteId);
      await broadcastLocally(nsp, siteId, (target) => target.emit(event, payload as never));
    },
    toPreviews(siteId, payload) {
      toOtherProcesses(['preview:push', siteId, payload], 'a test event', siteId);
      nsp.local.to(previewRoom(siteId)).emit('conversion:created', payload);
    },
  };
}
