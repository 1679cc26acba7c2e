// Small messages between Proofhook processes over Redis pub/sub (admin sessions, the live inspector).
// Fire-and-forget: a message sent while Redis is away is lost, so every user of the bus also has a
// way to catch up (sessions reload from PostgreSQL, the inspector's EventSource asks for missed rows).
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { RedisConnection } from './redis-connection.ts';

export interface ClusterBus {
  /** Sends to every other process; never throws. */
  publish(topic: string, message: unknown): void;
  /** Messages from other processes only: each process handles its own work directly. */
  subscribe(topic: string, handler: (message: unknown) => void): void;
}

interface Envelope {
  from: string;
  message: unknown;
}

export function createRedisBus(redis: RedisConnection, prefix: string, logger: Logger): ClusterBus {
  const nodeId = randomBytes(8).toString('hex');
  const channel = (topic: string) => `${prefix}:bus:${topic}`;
  return {
    publish(topic, message) {
      if (!redis.isReady()) return;
      const envelope: Envelope = { from: nodeId, message };
      redis.client.publish(channel(topic), JSON.stringify(envelope)).catch((error: Error) => {
        logger.warn({ err: error, topic }, 'cluster bus: publishing failed');
      });
    },
    subscribe(topic, handler) {
      const onMessage = (raw: string) => {
        let envelope: Envelope;
        try {
          envelope = JSON.parse(raw) as Envelope;
        } catch {
          return;
        }
        if (envelope.from === nodeId) return;
        try {
          handler(envelope.message);
        } catch (error) {
          logger.warn({ err: error, topic }, 'cluster bus: a handler failed');
        }
      };
      // Resolves once subscribed; node-redis subscribes again after every reconnect.
      redis.subscriber.subscribe(channel(topic), onMessage).catch((error: Error) => {
        logger.warn({ err: error, topic }, 'cluster bus: subscribing failed');
      });
    },
  };
}
