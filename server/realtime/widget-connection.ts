// A widget socket past the handshake: counted against the caps, placed in its site's rooms, heard
// for stats (unless a preview), and sent its snapshot: the whole backfill on a first connection, what
// it may lack on a reconnect (see catch-up.ts).
import type { Logger } from 'pino';
import type { WidgetHandshakeAuth } from '../../shared/protocol.ts';
import type { Clock } from '../clock.ts';
import type { Storage } from '../storage/storage.ts';
import type { WidgetCapture } from '../capture/form-capture.ts';
import { backfillAfterId } from './catch-up.ts';
import { lookRoom } from './config-push.ts';
import { localeRoomOf } from '../i18n/widget-text.ts';
import type { ConnectionCaps } from './connection-caps.ts';
import { productPagePath } from '../conversions/product-path.ts';
import { productRoom } from './product-counters.ts';
import { createShardPicker, previewRoom, shardRoom, siteRoom } from './sliced-broadcast.ts';
import type { VisitorCounts } from './visitor-counts.ts';
import { buildWidgetSnapshot, listShownNotifications } from './widget-snapshot.ts';
import type { WidgetSocket } from './widget-socket.types.ts';

export interface WidgetConnectionDeps {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  caps: ConnectionCaps;
  visitors: VisitorCounts;
  listenForStats: (socket: WidgetSocket) => void;
  /** The site's form-capture rules for the snapshot (server/capture); none without it. */
  capture?: Pick<WidgetCapture, 'rulesFor'>;
  /** Several processes share the widgets (a cluster adapter): see catch-up.ts. */
  clustered: boolean;
}

export function createWidgetConnectionHandler(deps: WidgetConnectionDeps) {
  const { storage, clock, logger, caps, visitors } = deps;
  const pickShard = createShardPicker();

  return async function onConnection(socket: WidgetSocket) {
    const { siteId, preview, address } = socket.data;
    // Everything needed from the upgrade request is in socket.handshake now; dropping the request
    // object roughly halves a connection's memory (https://socket.io/docs/v4/memory-usage/).
    (socket.conn as unknown as { request: unknown }).request = null;
    const release = caps.hold(address, siteId);
    // The site room counts visitors; the shard room is what broadcasts go to (see sliced-broadcast.ts).
    // A preview widget joins the broadcasts and its site's preview room, never the counted room.
    socket.join([preview ? previewRoom(siteId) : siteRoom(siteId), shardRoom(siteId, pickShard())]);
    if (!preview) visitors.scheduleBroadcast(siteId);
    socket.on('disconnect', () => {
      release();
      if (!preview) visitors.scheduleBroadcast(siteId);
    });
    // The owner looking at their own site is not an impression, a click or a dismiss.
    if (!preview) deps.listenForStats(socket);

    const auth = (socket.handshake.auth ?? {}) as Partial<WidgetHandshakeAuth>;
    const sinceId = backfillAfterId(auth, deps.clustered);
    // Design and language changes are pushed per language (config-push.ts).
    socket.join(lookRoom(siteId, localeRoomOf(auth.lang)));
    // Product counters: this page's product's new counts (product-counters.ts); a bad path joins nothing.
    const productPath = productPagePath(auth.path);
    if (productPath) socket.join(productRoom(siteId, productPath));
    try {
      const notifications = await listShownNotifications(storage, siteId);
      const visible = await visitors.visibleVisitors(siteId);
      const snapshot = await buildWidgetSnapshot(
        storage,
        clock,
        notifications,
        sinceId,
        visible,
        auth.lang,
        productPath,
      );
      const capture = preview ? [] : ((await deps.capture?.rulesFor(siteId)) ?? []);
      socket.emit(
        'widget:ready',
        preview ? { ...snapshot, preview: true } : capture.length ? { ...snapshot, capture } : snapshot,
      );
    } catch (error) {
      logger.error({ err: error, siteId }, 'realtime: building the widget snapshot failed');
      // Closing the transport (not the namespace) makes the widget reconnect with backoff.
      socket.conn.close();
    }
  };
}
