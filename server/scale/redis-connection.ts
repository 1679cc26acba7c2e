// The process's Redis connection: commands fail fast while Redis is away (a webhook must never wait
// for it), reconnection is automatic, and listeners hear when it comes back and since when it was gone.
import type { Logger } from 'pino';
import { type RedisClientType, createClient } from 'redis';

/** Reconnect quickly at first, then every 2 s: a Redis restart should cost seconds of pushes, not minutes. */
const MAX_RECONNECT_DELAY_MS = 2000;
const CONNECT_TIMEOUT_MS = 2000;

export interface RedisConnection {
  /** Commands reject at once while disconnected (no offline queue), so callers can fall back. */
  client: RedisClientType;
  /**
   * What the Socket.IO adapter gets: the same client, except that the readers and subscribers it
   * duplicates keep node-redis's offline queue (they wait through an outage instead of spinning on
   * errors) and that PUBLISH never rejects (the adapter does not handle that promise, and an
   * unhandled rejection would end the process).
   */
  adapterClient: RedisClientType;
  /** A second connection for SUBSCRIBE; node-redis resubscribes by itself after reconnecting. */
  subscriber: RedisClientType;
  isReady(): boolean;
  /** Called each time the connection is back after having been lost (or after a start without Redis). */
  onRecovered(listener: (downSince: number) => void): void;
  close(): Promise<void>;
}

function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS);
}

export function openRedisConnection(url: string, logger: Logger, now: () => number = Date.now): RedisConnection {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: reconnectDelay },
  }) as RedisClientType;
  const subscriber = client.duplicate({ disableOfflineQueue: false }) as RedisClientType;
  const listeners: Array<(downSince: number) => void> = [];
  // Down from the start: the first 'ready' counts as a recovery, so pushes made before it are replayed.
  let downSince: number | undefined = now();

  let closing = false;
  const markDown = (error?: Error) => {
    if (downSince !== undefined || closing) return;
    downSince = now();
    logger.warn({ err: error }, 'redis unavailable: webhooks are still accepted; cross-node pushes wait for it');
  };
  client.on('error', (error: Error) => markDown(error));
  client.on('reconnecting', () => markDown());
  client.on('end', () => markDown());
  client.on('ready', () => {
    if (downSince === undefined) return;
    const since = downSince;
    downSince = undefined;
    logger.info('redis connected');
    for (const listener of listeners) {
      try {
        listener(since);
      } catch (error) {
        logger.error({ err: error }, 'redis: a recovery listener failed');
      }
    }
  });
  // Errors are reported through the main client's state; without a listener they would end the process.
  subscriber.on('error', () => {});

  // Not awaited: the service starts (and takes webhooks) while Redis is still unreachable.
  client.connect().catch((error: Error) => logger.error({ err: error }, 'redis: giving up connecting'));
  subscriber.connect().catch(() => {});

  const adapterClient = new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'duplicate') {
        return (overrides?: object) => target.duplicate({ ...overrides, disableOfflineQueue: false });
      }
      if (property === 'publish') {
        return (...args: Parameters<RedisClientType['publish']>) => target.publish(...args).catch(() => 0);
      }
      const value = Reflect.get(target, property, receiver);
      // node-redis keeps its state in private fields, which only the real object can read.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  return {
    client,
    adapterClient,
    subscriber,
    isReady: () => client.isReady,
    onRecovered: (listener) => listeners.push(listener),
    async close() {
      closing = true;
      await Promise.allSettled([client.close(), subscriber.close()]);
    },
  };
}
