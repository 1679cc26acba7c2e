// Broadcasting to a big site in slices. Writing one conversion to 10,000 sockets takes the event loop
// for ~0.4 s in one go (measured, bench/report.md), and every webhook ack waits behind it. So each
// site's widgets are spread over shard rooms, and a broadcast emits shard by shard with a turn of
// the event loop in between: acks and other work interleave, each shard's packet is encoded once.
import type { Namespace } from 'socket.io';

export const BROADCAST_SHARDS = 32;

export const siteRoom = (siteId: number) => `site:${siteId}`;
export const shardRoom = (siteId: number, shard: number) => `site:${siteId}:${shard}`;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createShardPicker() {
  let next = 0;
  return () => {
    next = (next + 1) % BROADCAST_SHARDS;
    return next;
  };
}

/** Emits `event` to every widget of the site, one shard per event-loop turn. */
export async function broadcastToSite(
  nsp: Namespace,
  siteId: number,
  emit: (target: ReturnType<Namespace['to']>) => void,
): Promise<void> {
  for (let shard = 0; shard < BROADCAST_SHARDS; shard += 1) {
    emit(nsp.to(shardRoom(siteId, shard)));
    if (shard < BROADCAST_SHARDS - 1) await nextTurn();
  }
}
