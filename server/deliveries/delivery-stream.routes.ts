// GET /api/notifications/:id/deliveries/stream: the live inspector as Server-Sent Events. One-way
// is all it needs, EventSource reconnects by itself and sends Last-Event-ID so nothing is missed,
// and the session cookie rides along on its own (no token in a URL).
import { Router } from 'express';
import { notFound } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId } from '../validate.ts';
import { type AdminAuth, adminIdentity } from '../auth/admin-auth.ts';
import { type DeliveryFeed, type DeliverySummary, toDeliverySummary } from './delivery-feed.ts';

/** Under the usual 30–60 s idle timeouts of proxies. */
const HEARTBEAT_MS = 25_000;
const RECONNECT_MS = 3000;
const MAX_CATCH_UP = 100;

export function createDeliveryStreamRouter(storage: Storage, feed: DeliveryFeed, auth: AdminAuth): Router {
  const router = Router();
  router.get('/notifications/:id/deliveries/stream', async (req, res) => {
    const notification = await storage.notifications.find(parseId(req.params.id, 'notification'));
    if (!notification) throw notFound('notification');
    const identity = adminIdentity(res);

    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // nginx buffers responses unless told otherwise, which would hold events back.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(`retry: ${RECONNECT_MS}\n\n`);

    const write = (summary: DeliverySummary) => {
      // JSON.stringify escapes line breaks, so the data is always one `data:` line.
      res.write(`id: ${summary.id}\nevent: delivery\ndata: ${JSON.stringify(summary)}\n\n`);
    };
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      res.end();
    };
    // Subscribed before the catch-up query, so nothing falls between; the page drops repeated ids.
    const unsubscribe = feed.subscribe(notification.id, { onDelivery: write, onClose: end });
    const heartbeat = setInterval(() => {
      // A logout or an expiry elsewhere ends the stream; watching is not activity, so peek.
      if (identity?.sessionId && !auth.sessions.peek(identity.sessionId)) {
        res.write('event: session-ended\ndata: {}\n\n');
        end();
        return;
      }
      res.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    heartbeat.unref();
    res.on('close', end);

    const lastEventId = Number(req.get('last-event-id'));
    if (Number.isSafeInteger(lastEventId) && lastEventId > 0) {
      const recent = await storage.deliveries.listByNotification(notification.id, { limit: MAX_CATCH_UP });
      for (const delivery of recent.filter((d) => d.id > lastEventId).reverse()) {
        if (!ended) write(toDeliverySummary(delivery));
      }
    }
  });
  return router;
}
