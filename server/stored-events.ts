// What happened after a commit, for whoever shows it: the webhook path, replays, imports and form
// capture emit here; the widgets' realtime side and the admin's live inspector listen. The bus is
// created before both sides (createApp), so neither needs the other to exist first, and the order
// in which features are wired no longer matters.
import type { Logger } from 'pino';
import type { Conversion } from './conversions/conversion.types.ts';
import type { RecordResult } from './deliveries/delivery.types.ts';
import type { Notification } from './notifications/notification.types.ts';

export interface StoredEventMap {
  /** A conversion committed and meant for visitors. */
  conversion: [conversion: Conversion, notification: Notification];
  /** A test event committed: the site's preview widgets only. */
  testEvent: [event: Conversion, notification: Notification];
  /** Any delivery committed (the inspector's live list). */
  delivery: [result: RecordResult, notification: Notification];
}

type Listener<K extends keyof StoredEventMap> = (...args: StoredEventMap[K]) => void;

export interface StoredEvents {
  on<K extends keyof StoredEventMap>(event: K, listener: Listener<K>): void;
  /** Calls every listener in turn; one that throws is logged and does not stop the others. */
  emit<K extends keyof StoredEventMap>(event: K, ...args: StoredEventMap[K]): void;
}

export function createStoredEvents(logger: Logger): StoredEvents {
  const listeners: { [K in keyof StoredEventMap]: Listener<K>[] } = { conversion: [], testEvent: [], delivery: [] };
  return {
    on(event, listener) {
      listeners[event].push(listener);
    },
    emit(event, ...args) {
      for (const listener of listeners[event]) {
        try {
          listener(...args);
        } catch (error) {
          logger.error({ err: error, event }, 'a listener of a stored event failed');
        }
      }
    },
  };
}
