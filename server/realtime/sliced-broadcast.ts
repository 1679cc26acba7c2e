// Broadcasting to a big site in slices. Writing one conversion to 10,000 sockets takes the event loop
// for ~0.4 s in one go (measured, bench/report.md), and every webhook ack waits behind it. So each
// site's widgets are spread over shard rooms, and a broadcast emits shard by shard with a turn of
// the event loop in between: acks and other work interleave, each shard's packet is encoded once.
// With several processes, each slices its own widgets (see pushToSite in widget-namespace.ts).
import type { Namespace } from 'socket.io';

export const BROADCAST_SHARDS = 32;

export const siteRoom = (siteId: number) => `site:${siteId}`;
export const shardRoom = (siteId: number, shard: number) => `site:${siteId}:${shard}`;
/** Preview widgets of a site (the admin's preview link): test events go here only. Not a counted room. */
export const previewRoom = (siteId: number) => `preview:${siteId}`;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createShardPicker() {
  let next = 0;
  return () => {
    next = (next + 1) % BROADCAST_SHARDS;
    return next;
  };
}

/**
 * Emits to this process's widgets of the site, one non-empty shard per event-loop turn. Shards
 * without a widget here are skipped: Socket.IO encodes a packet before it looks at the room, so
 * emitting to 32 empty rooms cost more than the rest of a webhook's push (bench profile).
 */
export async function broadcastLocally(
  nsp: Namespace,
  siteId: number,
  emit: (target: ReturnType<Namespace['to']>) => void,
): Promise<void> {
  let emitted = false;
  for (let shard = 0; shard < BROADCAST_SHARDS; shard += 1) {
    const room = shardRoom(siteId, shard);
    if (!nsp.adapter.rooms.get(room)?.size) continue;
    if (emitted) await nextTurn();
    emit(nsp.local.to(room));
    emitted = true;
  }
}
