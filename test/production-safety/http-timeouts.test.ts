// A client that sends its request slowly is cut off after the request timeout (30 s by default), so
// slow bodies cannot hold sockets for minutes; a widget's WebSocket and the inspector's event stream,
// whose requests were read long ago, stay open however long they last.
import net from 'node:net';
import http from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { HTTP_TIMEOUTS } from '../../server/app.ts';
import { ADMIN_TOKEN, type TestApp, createNotification, createTestApp, stopTestApp } from '../support/test-app.ts';
import { type WidgetClient, connectWidget, listen, waitFor } from '../support/widget-client.ts';

let t: TestApp | undefined;
const clients: WidgetClient[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  for (const socket of sockets.splice(0)) socket.destroy();
  if (t) await stopTestApp(t);
});

/** Opens a raw connection and sends a webhook's headers and the first bytes of a body it never finishes. */
function startSlowWebhook(baseUrl: string, hookPath: string) {
  const { port } = new URL(baseUrl);
  const socket = net.connect(Number(port), '127.0.0.1');
  sockets.push(socket);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  socket.write(
    `POST ${hookPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":`,
  );
  return closed;
}

/** Opens the inspector's event stream; resolves once its first bytes arrived. */
function openEventStream(url: string): Promise<{ ended: () => boolean }> {
  return new Promise((resolve, reject) => {
    let ended = false;
    const req = http.get(url, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }, (res) => {
      res.once('data', () => resolve({ ended: () => ended }));
      res.on('close', () => {
        ended = true;
      });
    });
    req.on('error', reject);
    req.on('socket', (socket) => sockets.push(socket));
  });
}

describe('HTTP timeouts', () => {
  test('the server waits at most 30 s for a request’s headers and for the whole request', () => {
    t = createTestApp();
    expect(HTTP_TIMEOUTS).toMatchObject({ headersMs: 30_000, requestMs: 30_000 });
    expect(t.httpServer.headersTimeout).toBe(30_000);
    expect(t.httpServer.requestTimeout).toBe(30_000);
  });

  test('a body that never finishes gets 408 and the socket is closed, while a widget and an event stream stay', async () => {
    t = createTestApp({ httpTimeouts: { headersMs: 300, requestMs: 300, checkEveryMs: 50 } });
    const baseUrl = await listen(t);
    const { site, notification, hookPath } = await createNotification(t);

    const widget = connectWidget(baseUrl, { key: site.widgetKey });
    clients.push(widget);
    await waitFor(widget, 'widget:ready');
    const stream = await openEventStream(`${baseUrl}/api/notifications/${notification.id}/deliveries/stream`);

    const reply = await startSlowWebhook(baseUrl, hookPath);
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    // Cut off after the request timeout had passed: the widget and the stream, whose requests were
    // complete, are still connected.
    expect(widget.connected).toBe(true);
    expect(stream.ended()).toBe(false);
    // Nothing was stored from the unfinished webhook.
    const log = await t.api.get(`/api/notifications/${notification.id}/deliveries?limit=10`).expect(200);
    expect(log.body.deliveries).toEqual([]);
  });
});
