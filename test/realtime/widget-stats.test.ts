import pino from 'pino';
import { describe, expect, test, vi } from 'vitest';
import type { WidgetStatType } from '../../shared/protocol.ts';
import { createWidgetStats } from '../../server/realtime/widget-stats.ts';
import type { WidgetSocket } from '../../server/realtime/widget-socket.types.ts';
import type { Storage } from '../../server/storage/storage.ts';

/** A storage whose writes finish only when the test says so, in whatever order it chooses. */
function heldWrites() {
  const started: { type: WidgetStatType; finish: (error?: Error) => void }[] = [];
  const widgetStats = {
    record: (_notificationId: number, type: WidgetStatType) =>
      new Promise<void>((resolve, reject) => {
        started.push({ type, finish: (error) => (error ? reject(error) : resolve()) });
      }),
  };
  return { started, storage: { widgetStats } as unknown as Storage };
}

function widgetSocket(notificationIds: number[]) {
  let handler: ((stat: unknown) => void) | undefined;
  const socket = {
    data: { notificationIds: new Set(notificationIds), address: '203.0.113.9' },
    on: (event: string, listener: (stat: unknown) => void) => {
      if (event === 'stat:record') handler = listener;
    },
  } as unknown as WidgetSocket;
  return { socket, send: (stat: unknown) => handler?.(stat) };
}

describe('widget stats from one connection', () => {
  test('are written one at a time, in the order the widget sent them', async () => {
    const { started, storage } = heldWrites();
    const listen = createWidgetStats({ storage, clock: { now: () => 0 }, logger: pino({ level: 'silent' }) });
    const { socket, send } = widgetSocket([7]);
    listen(socket);
    send({ type: 'impression', notificationId: 7 });
    send({ type: 'click', notificationId: 7 });
    send({ type: 'dismiss', notificationId: 7 });
    await vi.waitFor(() => expect(started).toHaveLength(1));
    // The click waits for the impression even though the store could take both at once.
    await Promise.resolve();
    expect(started.map((write) => write.type)).toEqual(['impression']);
    started[0]?.finish();
    await vi.waitFor(() => expect(started).toHaveLength(2));
    started[1]?.finish();
    await vi.waitFor(() => expect(started).toHaveLength(3));
    expect(started.map((write) => write.type)).toEqual(['impression', 'click', 'dismiss']);
  });

  test('a failed write is logged and the next one still runs', async () => {
    const { started, storage } = heldWrites();
    const logger = pino({ level: 'silent' });
    const warn = vi.spyOn(logger, 'warn');
    const listen = createWidgetStats({ storage, clock: { now: () => 0 }, logger });
    const { socket, send } = widgetSocket([7]);
    listen(socket);
    send({ type: 'impression', notificationId: 7 });
    send({ type: 'dismiss', notificationId: 7 });
    await vi.waitFor(() => expect(started).toHaveLength(1));
    started[0]?.finish(new Error('database is gone'));
    await vi.waitFor(() => expect(started).toHaveLength(2));
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), expect.any(String));
    expect(started[1]?.type).toBe('dismiss');
  });
});
