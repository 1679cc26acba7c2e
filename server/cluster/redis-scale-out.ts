// Everything REDIS_URL switches on, behind one module that index.ts imports only when it is set:
// the Redis client and the adapter cost ~0.3 s to load, which a single SQLite process never pays.
import type { Logger } from 'pino';
import type { AppDeps } from '../app.ts';
import { createRedisStreamsAdapter, toRealtimeCluster } from '../realtime/redis-streams-adapter.ts';
import { type ClusterBus, createRedisBus } from './cluster-bus.ts';
import { type RedisConnection, openRedisConnection } from './redis-connection.ts';

export interface RedisScaleOut {
  redis: RedisConnection;
  bus: ClusterBus;
  /** The createApp dependency: the Socket.IO adapter, the realtime side's view of Redis, the bus. */
  appCluster(): NonNullable<AppDeps['cluster']>;
}

export function openRedisScaleOut(url: string, prefix: string, logger: Logger): RedisScaleOut {
  const redis = openRedisConnection(url, logger);
  const bus = createRedisBus(redis, prefix, logger);
  return {
    redis,
    bus,
    appCluster: () => ({
      adapter: createRedisStreamsAdapter(redis, prefix),
      realtime: toRealtimeCluster(redis),
      bus,
    }),
  };
}
