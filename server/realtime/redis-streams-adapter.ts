// Fan-out across processes: the Socket.IO Redis Streams adapter over this process's Redis connection.
//
// Why the streams adapter and not @socket.io/redis-adapter (pub/sub): pub/sub delivers a message to
// whoever is subscribed at that instant, so a process whose Redis connection drops for a moment loses
// every broadcast made meanwhile. The streams adapter appends broadcasts to a Redis stream (XADD) and
// each process reads it with XREAD from the last id it saw, so after a reconnect it reads what it
// missed; it also supports Socket.IO's connection state recovery, which the pub/sub adapter does not.
// https://socket.io/docs/v4/redis-streams-adapter/
// Proofhook's own pushes are server-side emits (one per push, each process slicing its own widgets;
// widget-namespace.ts), which this adapter sends with PUBLISH rather than into the stream; a process
// whose Redis was away has its widgets reconnect and backfill when it returns.
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RedisConnection } from '../cluster/redis-connection.ts';
import type { RealtimeCluster } from './widget-namespace.ts';

/** Broadcasts kept in the stream for readers that reconnect; a few minutes of a busy install. */
const STREAM_MAX_LENGTH = 10_000;

export function createRedisStreamsAdapter(redis: RedisConnection, prefix: string) {
  return createAdapter(redis.adapterClient, {
    streamName: `${prefix}:socket.io`,
    channelPrefix: `${prefix}:socket.io`,
    sessionKeyPrefix: `${prefix}:sio-session:`,
    maxLen: STREAM_MAX_LENGTH,
  });
}

export function toRealtimeCluster(redis: RedisConnection): RealtimeCluster {
  return { isConnected: redis.isReady, onRecovered: redis.onRecovered };
}
