// Who may open a widget socket: a known public widget key, from an allowed origin, within the
// connection caps. What the connection needs later (site, shown notifications, preview, the
// client's address) is kept in socket.data.
import type { Logger } from 'pino';
import type { WidgetHandshakeAuth } from '../../shared/protocol.ts';
import type { Storage } from '../storage/storage.ts';
import type { ConnectionCaps } from './connection-caps.ts';
import type { PreviewTokens } from './preview-token.ts';
import { previewChecker } from './preview-token.ts';
import { listShownNotifications } from './widget-snapshot.ts';
import type { ClientHandshake, WidgetSocket } from './widget-socket.types.ts';

const MAX_KEY_LENGTH = 100;

export interface HandshakeDeps {
  storage: Storage;
  logger: Logger;
  caps: ConnectionCaps;
  clientAddress: (handshake: ClientHandshake) => string;
  previewTokens: PreviewTokens | undefined;
  /** Told where a known site's widget runs, allowed there or not, so the admin can show it. Never throws. */
  onWidgetSeen: ((siteId: number, origin: string | undefined) => unknown) | undefined;
}

export function createWidgetHandshake(deps: HandshakeDeps) {
  const { storage, logger, caps } = deps;
  const isPreview = previewChecker(deps.previewTokens, logger);

  return async (socket: WidgetSocket, next: (error?: Error) => void) => {
    const auth = (socket.handshake.auth ?? {}) as Partial<WidgetHandshakeAuth>;
    const key = typeof auth.key === 'string' ? auth.key.slice(0, MAX_KEY_LENGTH) : '';
    try {
      const site = key ? await storage.sites.findByWidgetKey(key) : undefined;
      if (!site) {
        next(new Error('Unknown widget key: check the data-key attribute of the Proofhook script tag'));
        return;
      }
      const origin = socket.handshake.headers.origin;
      // Before the origin check: a widget refused on an origin the owner forgot to allow is exactly
      // what the admin's checklist must show them.
      deps.onWidgetSeen?.(site.id, origin);
      if (site.allowedOrigins.length > 0 && !(origin && site.allowedOrigins.includes(origin))) {
        next(new Error(`This site's widget may not be embedded on ${origin ?? 'a page without an origin'}`));
        return;
      }
      const address = deps.clientAddress(socket.handshake);
      const refusal = caps.refusal(address, site.id);
      if (refusal) {
        next(refusal);
        return;
      }
      const notifications = await listShownNotifications(storage, site.id);
      const preview = await isPreview(auth.preview, site.id);
      socket.data = { siteId: site.id, notificationIds: new Set(notifications.map((n) => n.id)), preview, address };
      next();
    } catch (error) {
      logger.error({ err: error }, 'realtime: widget handshake failed');
      // Our trouble, not a bad key: `retry` tells the widget to try again later instead of giving up.
      next(Object.assign(new Error('Proofhook is temporarily unavailable'), { data: { retry: true } }));
    }
  };
}
