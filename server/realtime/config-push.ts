// Saved design, language and display changes reach open widgets without a reload: each widget sits
// in a room for its site and language, and gets its notifications again in that language.
import type { Logger } from 'pino';
import { LOCALE_CODES } from '../i18n/locales.ts';
import { createSiteLookStore } from '../notifications/site-design.ts';
import { toPublicNotification } from '../notifications/widget-look.ts';
import type { Storage } from '../storage/storage.ts';
import { listShownNotifications } from './widget-snapshot.ts';
import type { WidgetNamespace } from './widget-socket.types.ts';

/** '' is every page whose language has no built-in words: it gets the default language's. */
export const lookRoom = (siteId: number, locale: string) => `look:${siteId}:${locale}`;

export function createConfigPush(nsp: WidgetNamespace, deps: { storage: Storage; logger: Logger }) {
  const looks = createSiteLookStore(deps.storage.settings);
  const push = async (siteId: number) => {
    const notifications = await listShownNotifications(deps.storage, siteId);
    const look = await looks.get(siteId);
    // Through the adapter, so widgets on other processes hear it too; an empty room costs one encode.
    for (const locale of ['', ...LOCALE_CODES]) {
      nsp.to(lookRoom(siteId, locale)).emit('config:changed', {
        notifications: notifications.map((n) => toPublicNotification(n, look, locale || undefined)),
      });
    }
  };
  /** Never throws: a failed push leaves widgets with the old look until their next page view. */
  return (siteId: number) => {
    push(siteId).catch((error) =>
      deps.logger.error({ err: error, siteId }, 'realtime: pushing a config change failed'),
    );
  };
}
