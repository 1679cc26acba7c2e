// The process's Redis connection: commands fail fast while Redis is away (a webhook must never wait
// for it), reconnection is automatic, and listeners hear when it comes back and since when it was gone.
// "Away" covers every connection this process has to Redis (commands, the bus's subscriber, the
// adapter's readers and subscriber): any of them failing, or Redis not answering a PING in time
// (see redis-liveness.ts). It is "back" when all of them are ready and Redis answers again, so a
// recovery never runs while a subscription this process relies on is still being made again.
import type { Logger } from 'pino';
import { type RedisClientType, createClient } from 'redis';
import { watchLiveness } from './redis-liveness.ts';

/** Reconnect quickly at first, then every 2 s: a Redis restart should cost seconds of pushes, not minutes. */
const MAX_RECONNECT_DELAY_MS = 2000;
const CONNECT_TIMEOUT_MS = 2000;
/** At shutdown, commands still waiting for a Redis that does not answer are not waited for longer. */
const CLOSE_WAIT_MS = 1000;

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
  /** False while any connection is down or Redis does not answer (what /healthz reports). */
  isReady(): boolean;
  /** Called each time Redis is back after having been away (or after a start without Redis). */
  onRecovered(listener: (downSince: number) => void): void;
  close(): Promise<void>;
}

function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS);
}

export interface RedisConnectionOptions {
  now?: () => number;
  /** PING timing (see redis-liveness.ts); tests shorten it. */
  liveness?: { intervalMs: number; timeoutMs: number };
}

export function openRedisConnection(
  url: string,
  logger: Logger,
  options: RedisConnectionOptions = {},
): RedisConnection {
  const now = options.now ?? Date.now;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: reconnectDelay },
  }) as RedisClientType;
  const subscriber = client.duplicate({ disableOfflineQueue: false }) as RedisClientType;
  /** Every connection a recovery waits for; the adapter's join once they were first ready. */
  const connections = new Set<RedisClientType>([client, subscriber]);
  const listeners: Array<(downSince: number) => void> = [];
  // Down from the start: the first 'ready' counts as a recovery, so pushes made before it are replayed.
  let downSince: number | undefined = now();
  let closing = false;

  const markDown = (error?: Error) => {
    if (downSince !== undefined || closing) return;
    downSince = now();
    logger.warn({ err: error }, 'redis unavailable: webhooks are still accepted; cross-node pushes wait for it');
  };
  const liveness = watchLiveness(
    { ping: () => client.ping(), isConnected: () => client.isReady && !closing },
    {
      silent: () => markDown(new Error(`Redis did not answer a PING within ${options.liveness?.timeoutMs ?? 1000} ms`)),
      answered: () => markUpIfBack(),
    },
    options.liveness,
  );
  function markUpIfBack() {
    if (downSince === undefined || closing || liveness.isSilent()) return;
    for (const connection of connections) if (!connection.isReady) return;
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
  }
  const watch = (connection: RedisClientType) => {
    connection.on('error', (error: Error) => markDown(error));
    connection.on('reconnecting', () => markDown());
    connection.on('ready', markUpIfBack);
  };
  watch(client);
  watch(subscriber);
  // At shutdown the main client's end is expected; any other time it means Redis is gone.
  client.on('end', () => markDown());

  // Not awaited: the service starts (and takes webhooks) while Redis is still unreachable.
  client.connect().catch((error: Error) => logger.error({ err: error }, 'redis: giving up connecting'));
  subscriber.connect().catch(() => {});

  const adapterClient = new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'duplicate') {
        return (overrides?: object) => {
          const duplicate = target.duplicate({ ...overrides, disableOfflineQueue: false }) as RedisClientType;
          watch(duplicate);
          duplicate.once('ready', () => connections.add(duplicate));
          return withAbandonedCommandsHandled(duplicate);
        };
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
    isReady: () => client.isReady && downSince === undefined,
    onRecovered: (listener) => listeners.push(listener),
    async close() {
      closing = true;
      liveness.stop();
      const closed = Promise.allSettled([client.close(), subscriber.close()]);
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    },
  };
}

/**
 * The adapter's own clients, with every command's promise marked as handled. While Redis is away
 * their commands wait in the offline queue; when the adapter disconnects them at shutdown, node-redis
 * rejects the queued ones ("Disconnects client"), which the adapter never awaits: an unhandled
 * rejection that would end the process with an error instead of a clean stop. Callers that do
 * await a command still see its rejection (the same promise is returned).
 */
function withAbandonedCommandsHandled(client: RedisClientType): RedisClientType {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        if (result instanceof Promise) result.catch(() => {});
        return result;
      };
    },
  });
}
