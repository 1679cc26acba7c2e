// A broadcast to a big site gives the event loop a turn between its shards, so webhook acks that
// arrive meanwhile are answered between slices instead of after all 10,000 writes; empty shards and
// other sites' shards are never emitted to.
import type { Namespace } from 'socket.io';
import { describe, expect, test } from 'vitest';
import { BROADCAST_SHARDS, broadcastLocally, shardRoom } from '../../server/realtime/sliced-broadcast.ts';

const SITE = 7;

/** A namespace whose listed shard rooms of SITE hold a widget each, beside another site's room. */
function fakeNamespace(shards: number[]): Namespace {
  const rooms = new Map<string, Set<string>>(shards.map((shard) => [shardRoom(SITE, shard), new Set(['widget'])]));
  rooms.set(shardRoom(SITE + 1, 0), new Set(['another site']));
  return { adapter: { rooms }, local: { to: (room: string) => room } } as unknown as Namespace;
}

/** The rooms emitted to and the other work that ran meanwhile (one task queued per turn), in order. */
async function broadcastAndWatch(shards: number[]) {
  const order: string[] = [];
  let broadcasting = true;
  const otherWork = () => {
    if (!broadcasting) return;
    order.push('other work');
    setImmediate(otherWork);
  };
  setImmediate(otherWork);
  await broadcastLocally(fakeNamespace(shards), SITE, (room) => order.push(String(room)));
  broadcasting = false;
  return order;
}

describe('sliced broadcast', () => {
  test('other work runs between shards, and only non-empty shards of the site are emitted to', async () => {
    const last = BROADCAST_SHARDS - 1;
    expect(await broadcastAndWatch([0, 3, last])).toEqual([
      shardRoom(SITE, 0),
      'other work',
      shardRoom(SITE, 3),
      'other work',
      shardRoom(SITE, last),
    ]);
  });

  test('a site with one shard in use goes out at once, and one with none emits nothing', async () => {
    expect(await broadcastAndWatch([12])).toEqual([shardRoom(SITE, 12)]);
    expect(await broadcastAndWatch([])).toEqual([]);
  });
});
