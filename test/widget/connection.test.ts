// The widget's own Engine.IO/Socket.IO client against a real socket.io server (port 0) over the `ws` package.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import WebSocket, { WebSocketServer } from 'ws';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  type PublicConversion,
  type ServerToWidgetEvents,
  WIDGET_NAMESPACE,
  type WidgetHandshakeAuth,
  type WidgetReadyPayload,
  type WidgetToServerEvents,
} from '../../shared/protocol.ts';
import {
  type Connection,
  type ConnectionState,
  createConnection,
  toSocketUrl,
  type WebSocketConstructor,
} from '../../widget/src/connection.ts';
import { createLog } from '../../widget/src/log.ts';
import { buildConversion, buildReady } from './builders.ts';

const KEY = 'wk_test_public_key';
const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Waits until `check` returns something truthy; fails with `what` after timeoutMs. */
function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
  return vi.waitFor(
    () => {
      const value = check();
      if (!value) throw new Error(`timed out waiting for ${what}`);
      return value;
    },
    { timeout: timeoutMs, interval: 10 },
  );
}

interface ServerOptions {
  pingInterval?: number;
  pingTimeout?: number;
  ready?: WidgetReadyPayload;
  /** Refuse this many handshakes with a passing error (err.data.retry) before accepting. */
  transientFailures?: number;
}

async function startServer(options: ServerOptions = {}) {
  let transientFailures = options.transientFailures ?? 0;
  const httpServer = createServer();
  const io = new Server<WidgetToServerEvents, ServerToWidgetEvents>(httpServer, {
    pingInterval: options.pingInterval ?? 25_000,
    pingTimeout: options.pingTimeout ?? 20_000,
  });
  const widgets = io.of(WIDGET_NAMESPACE);
  const handshakes: WidgetHandshakeAuth[] = [];
  const sockets: Socket[] = [];
  const stats: unknown[] = [];
  let engineConnections = 0;
  // Pongs the clients sent: a clock made of the protocol's own heartbeats, so the tests can wait for
  // "several ping rounds went by" as a condition instead of sleeping.
  let pongs = 0;
  io.engine.on(
    'connection',
    (engineSocket: { on(event: 'packet', listener: (packet: { type: string }) => void): void }) => {
      engineConnections++;
      engineSocket.on('packet', (packet) => {
        if (packet.type === 'pong') pongs++;
      });
    },
  );
  widgets.use((socket, next) => {
    handshakes.push(socket.handshake.auth as WidgetHandshakeAuth);
    if (transientFailures-- > 0) {
      next(Object.assign(new Error('Proofhook is temporarily unavailable'), { data: { retry: true } }));
      return;
    }
    next(socket.handshake.auth.key === KEY ? undefined : new Error('unknown widget key'));
  });
  widgets.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('stat:record', (stat) => stats.push(stat));
    socket.emit('widget:ready', options.ready ?? buildReady());
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    widgets,
    handshakes,
    sockets,
    stats,
    engineConnections: () => engineConnections,
    pongs: () => pongs,
  };
}

/** A 40 ms ping interval makes heartbeats frequent enough to count time by; the timeout is generous. */
const HEARTBEAT_CLOCK: ServerOptions = { pingInterval: 40, pingTimeout: 10_000 };

/** Waits until the clients have answered `rounds` more pings. */
async function pingRounds(server: { pongs(): number }, rounds: number): Promise<void> {
  const target = server.pongs() + rounds;
  await waitFor(`${rounds} ping rounds`, () => server.pongs() >= target, 15_000);
}

function connect(server: string, key = KEY) {
  const received: Array<[string, unknown]> = [];
  const states: Array<[ConnectionState, string | undefined]> = [];
  const refused: string[] = [];
  let retriesScheduled = 0;
  const record =
    (name: keyof ServerToWidgetEvents) =>
    (payload: unknown): void => {
      received.push([name, payload]);
    };
  const connection: Connection = createConnection({
    server,
    key,
    log: createLog(false),
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    on: {
      'widget:ready': record('widget:ready'),
      'conversion:created': record('conversion:created'),
      'counter:updated': record('counter:updated'),
      'visitors:updated': record('visitors:updated'),
    },
    onState: (state, detail) => states.push([state, detail]),
    onRefused: (message) => refused.push(message),
    minDelayMs: 20,
    maxDelayMs: 100,
    // Called once for each retry the connection schedules: a count of retries with no waiting.
    random: () => {
      retriesScheduled++;
      return 0.5;
    },
  });
  cleanups.push(() => connection.close());
  return {
    connection,
    received,
    states,
    refused,
    connected: () => states.filter(([state]) => state === 'connected').length,
    retriesScheduled: () => retriesScheduled,
  };
}

describe('toSocketUrl', () => {
  test.each([
    ['https://proof.example', 'wss://proof.example/socket.io/?EIO=4&transport=websocket'],
    ['http://localhost:3000', 'ws://localhost:3000/socket.io/?EIO=4&transport=websocket'],
    ['https://example.com/proofhook/', 'wss://example.com/proofhook/socket.io/?EIO=4&transport=websocket'],
  ])('%s → %s', (server, expected) => {
    expect(toSocketUrl(server)).toBe(expected);
  });
});

describe('connection against a real socket.io server', () => {
  test('connects with the key, receives widget:ready and live events, and sends stats', async () => {
    const backfill = [buildConversion({ id: 5 }), buildConversion({ id: 3 })];
    const visitors = { count: 4, message: '4 people are viewing this site right now' };
    const server = await startServer({ ready: buildReady({ conversions: backfill, visitors }) });
    const client = connect(server.url);

    const ready = await waitFor('widget:ready', () => client.received.find(([name]) => name === 'widget:ready'));
    expect(ready[1]).toMatchObject({ conversions: backfill, visitors });
    expect(server.handshakes).toEqual([{ key: KEY }]);

    const live = buildConversion({ id: 6, title: 'Ana P. from Porto, PT' });
    server.widgets.emit('conversion:created', live);
    server.widgets.emit('visitors:updated', { count: 9, message: '9 people are viewing this site right now' });
    await waitFor('live events', () => client.received.length >= 3);
    expect(client.received.slice(1)).toEqual([
      ['conversion:created', live],
      ['visitors:updated', { count: 9, message: '9 people are viewing this site right now' }],
    ]);

    client.connection.emit('stat:record', { type: 'impression', notificationId: 1 });
    await waitFor('stat on the server', () => server.stats.length > 0);
    expect(server.stats).toEqual([{ type: 'impression', notificationId: 1 }]);
  });

  test('an unknown key ends in connect_error with the server message and no retries', async () => {
    const server = await startServer();
    const client = connect(server.url, 'wk_unknown');
    await waitFor('failed state', () => client.states.find(([state]) => state === 'failed'));
    expect(client.states).toEqual([['failed', 'unknown widget key']]);
    expect(client.retriesScheduled()).toBe(0);
    expect(server.engineConnections()).toBe(1);
    expect(client.refused).toEqual(['unknown widget key']);
    expect(client.received).toEqual([]);
  });

  test('a connect_error marked retry (server trouble) is retried with backoff', async () => {
    const server = await startServer({ transientFailures: 2 });
    const client = connect(server.url);
    await waitFor('connect', () => client.connected() === 1);
    expect(client.states.map(([state, detail]) => `${state}: ${detail ?? ''}`)).toEqual([
      'disconnected: Proofhook is temporarily unavailable',
      'disconnected: Proofhook is temporarily unavailable',
      'connected: ',
    ]);
    expect(server.engineConnections()).toBe(3);
    expect(client.refused).toEqual([]);
  });

  test('reconnects with backoff after the server drops the connection, sending sinceId = highest id seen', async () => {
    const server = await startServer({
      ready: buildReady({ conversions: [buildConversion({ id: 5 }), buildConversion({ id: 3 })] }),
    });
    const client = connect(server.url);
    await waitFor('first connect', () => client.connected() === 1);
    await waitFor('ready', () => client.received.length === 1);
    server.widgets.emit('conversion:created', buildConversion({ id: 8 }));
    await waitFor('live conversion', () => client.received.length === 2);

    server.sockets[0]?.conn.close(); // engine-level drop, as on a server restart or a network cut
    await waitFor('reconnect', () => client.connected() === 2);
    expect(server.handshakes).toEqual([{ key: KEY }, { key: KEY, sinceId: 8 }]);
    expect(client.states.map(([state]) => state)).toEqual(['connected', 'disconnected', 'connected']);
    await waitFor('second ready', () => client.received.filter(([name]) => name === 'widget:ready').length === 2);
  });

  test('answers pings, so a short ping interval keeps the connection up', async () => {
    const server = await startServer(HEARTBEAT_CLOCK);
    const client = connect(server.url);
    await waitFor('connect', () => client.connected() === 1);
    const socket = server.sockets[0] as Socket;
    // Ten answered pings on one connection: a client that did not answer would have none.
    await pingRounds(server, 10);
    expect(socket.connected).toBe(true);
    expect(client.states.map(([state]) => state)).toEqual(['connected']);
    expect(server.engineConnections()).toBe(1);
  });

  test('a deliberate namespace disconnect from the server is final, as with socket.io-client', async () => {
    const server = await startServer();
    const client = connect(server.url);
    await waitFor('connect', () => client.connected() === 1);
    server.sockets[0]?.disconnect();
    await waitFor('failed', () => client.states.find(([state]) => state === 'failed'));
    expect(client.retriesScheduled()).toBe(0);
    expect(server.handshakes).toHaveLength(1);
    expect(server.engineConnections()).toBe(1);
  });
});

describe('connection heartbeat', () => {
  test('closes and reconnects when no ping arrives within pingInterval + pingTimeout', async () => {
    // A bare WebSocket server that opens an Engine.IO session and then goes silent.
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const frames: string[][] = [];
    wss.on('connection', (ws) => {
      const log: string[] = [];
      frames.push(log);
      ws.on('message', (data) => log.push(String(data)));
      ws.send('0{"sid":"s1","upgrades":[],"pingInterval":50,"pingTimeout":50,"maxPayload":1000000}');
    });
    const { port } = wss.address() as AddressInfo;
    const client = connect(`http://127.0.0.1:${port}`);

    await waitFor('second connection', () => frames.length === 2, 2000);
    expect(frames[0]).toEqual([`40${WIDGET_NAMESPACE},{"key":"${KEY}"}`]);
    expect(client.states[0]).toEqual(['disconnected', 'ping timeout']);
  });

  test('tracks the highest conversion id from widget:ready and conversion:created (not test events) for the next handshake', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const handshakes: string[] = [];
    wss.on('connection', (ws) => {
      ws.on('message', (data) => {
        const frame = String(data);
        if (!frame.startsWith('40')) return;
        handshakes.push(frame);
        if (handshakes.length > 1) return;
        const conversions: PublicConversion[] = [buildConversion({ id: 12 }), buildConversion({ id: 30 })];
        ws.send(`40${WIDGET_NAMESPACE},{"sid":"a"}`);
        ws.send(`42${WIDGET_NAMESPACE},${JSON.stringify(['widget:ready', buildReady({ conversions })])}`);
        ws.send(`42${WIDGET_NAMESPACE},${JSON.stringify(['conversion:created', buildConversion({ id: 21 })])}`);
        const test = buildConversion({ id: 9999, test: true });
        ws.send(`42${WIDGET_NAMESPACE},${JSON.stringify(['conversion:created', test])}`);
        ws.close(); // after the frames above: a WebSocket delivers them in order
      });
      ws.send('0{"sid":"s1","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}');
    });
    const { port } = wss.address() as AddressInfo;
    connect(`http://127.0.0.1:${port}`);
    await waitFor('second handshake', () => handshakes.length === 2);
    expect(handshakes[1]).toBe(`40${WIDGET_NAMESPACE},{"key":"${KEY}","sinceId":30}`);
  });
});
