// Limits a page cannot get around: the engine speaks websocket only (no long-polling sessions held
// open with plain HTTP requests), stats are budgeted per client address and notification per minute
// (a page that reconnects gets no fresh budget), and the per-address cap counts the address the
// realtime side is told (the one a trusted proxy forwards), not the TCP peer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_LIMITS } from '../../server/limits.ts';
import { attachWidgetNamespace } from '../../server/realtime/widget-namespace.ts';
import { MAX_STATS_PER_ADDRESS_PER_NOTIFICATION_PER_MINUTE } from '../../server/realtime/widget-stats.ts';
import { type TestApp, createNotification, createTestApp } from '../support/test-app.ts';
import { type WidgetClient, connectWidget, listen, waitFor, waitForConnectError } from '../support/widget-client.ts';

let t: TestApp;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  t.realtime.close();
  await new Promise((resolve) => t.io.close(resolve));
  t.close();
});

const open = (baseUrl: string, key: string) => {
  const client = connectWidget(baseUrl, { key });
  cleanups.push(() => client.disconnect());
  return client;
};

describe('realtime abuse limits', () => {
  test('Engine.IO long-polling is refused; the websocket the widget uses is not', async () => {
    t = createTestApp();
    const baseUrl = await listen(t);
    const { site } = await createNotification(t);
    const polling = await fetch(`${baseUrl}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(400);
    expect(await polling.json()).toMatchObject({ message: 'Transport unknown' });
    await waitFor(open(baseUrl, site.widgetKey), 'widget:ready');
  });

  test('stats per address and notification are budgeted per minute: reconnecting does not reset the budget', async () => {
    t = createTestApp();
    const baseUrl = await listen(t);
    const { site, notification } = await createNotification(t);
    const other = (await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Other' }).expect(201)).body;
    const impressions = async (id: number) =>
      (await t.api.get(`/api/notifications/${id}/stats`)).body.windows['24h'].impressions as number;
    /** Sends `count` impressions, then one for the other notification, whose arrival says they were all read. */
    const send = async (widget: WidgetClient, count: number) => {
      const before = await impressions(other.id);
      for (let i = 0; i < count; i += 1)
        widget.emit('stat:record', { type: 'impression', notificationId: notification.id });
      widget.emit('stat:record', { type: 'impression', notificationId: other.id });
      await vi.waitFor(async () => expect(await impressions(other.id)).toBe(before + 1));
    };
    const budget = MAX_STATS_PER_ADDRESS_PER_NOTIFICATION_PER_MINUTE;

    const first = open(baseUrl, site.widgetKey);
    await waitFor(first, 'widget:ready');
    await send(first, budget - 5);
    first.disconnect();
    const again = open(baseUrl, site.widgetKey);
    await waitFor(again, 'widget:ready');
    await send(again, 20);
    expect(await impressions(notification.id)).toBe(budget);

    t.clock.advance(60_000);
    await send(again, 3);
    expect(await impressions(notification.id)).toBe(budget + 3);
  });

  test('the per-address cap counts the address clientAddress gives, not the TCP peer', async () => {
    t = createTestApp();
    const { site } = await createNotification(t);
    // A second Socket.IO server over the same storage, told each client's address by a header.
    const httpServer = http.createServer();
    const io = new Server(httpServer, { serveClient: false });
    const realtime = attachWidgetNamespace(io, {
      storage: t.storage,
      clock: t.clock,
      logger: pino({ level: 'silent' }),
      limits: { ...DEFAULT_LIMITS, widgetsPerIp: 1 },
      clientAddress: (handshake) => String(handshake.headers['x-client'] ?? handshake.address),
    });
    cleanups.push(
      () => new Promise((resolve) => io.close(resolve)),
      () => realtime.close(),
    );
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/widget`;
    const from = (client: string): WidgetClient => {
      const socket = connect(url, {
        auth: { key: site.widgetKey },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { 'X-Client': client },
      });
      cleanups.push(() => socket.disconnect());
      return socket;
    };

    await waitFor(from('198.51.100.1'), 'widget:ready');
    await waitFor(from('198.51.100.2'), 'widget:ready');
    const error = await waitForConnectError(from('198.51.100.1'));
    expect(error.message).toMatch(/too many widget connections from this address/i);
  });
});
