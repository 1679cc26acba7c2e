// When Redis is back after an outage (closed or not answering, see server/cluster/redis-connection.ts),
// everything pushed across processes meanwhile may be lost, in both directions:
// - this process's pushes reached only its own widgets: they are sent again (the other processes
//   may not have subscribed again yet, so this is only the quick path);
// - this process's widgets missed the others' pushes, and the others' visitor counts went stale:
//   every widget here is made to reconnect, and gets the whole backfill again from storage, merged
//   by id (see catch-up.ts). Storage has every conversion whichever process took it, so no order of
//   reconnecting and resubscribing skips one.
import type { Logger } from 'pino';
import type { ConversionPublisher } from './conversion-publisher.ts';
import type { VisitorCounts } from './visitor-counts.ts';
import type { WidgetNamespace } from './widget-socket.types.ts';

/** This process's widgets reconnect at random moments within this window, not all at once. */
export const CATCH_UP_SPREAD_MS = 5000;

export function createRedisRecovery(
  nsp: WidgetNamespace,
  deps: { logger: Logger; publisher: ConversionPublisher; visitors: VisitorCounts },
) {
  const { logger, publisher, visitors } = deps;
  return async function recover(downSince: number) {
    await publisher.replaySince(downSince);
    visitors.recountAll();
    // The transport is closed, not the namespace: a namespace disconnect from the server is final
    // for the widget, a closed transport makes it reconnect as after any network cut.
    const local = [...nsp.sockets.values()];
    if (local.length > 0) logger.info({ widgets: local.length }, 'realtime: widgets reconnect to catch up');
    for (const socket of local) {
      const timer = setTimeout(() => socket.conn.close(), Math.random() * CATCH_UP_SPREAD_MS);
      timer.unref();
    }
  };
}
