// The widget's only network code: a websocket-only Engine.IO v4 / Socket.IO v5 client for the widget namespace.
// socket.io-client alone is ~13 KB gzip; this speaks the subset the widget needs in a fraction of that.
// Protocols: https://socket.io/docs/v4/engine-io-protocol/ and https://socket.io/docs/v4/socket-io-protocol/
import {
  type PublicConversion,
  type ServerToWidgetEvents,
  WIDGET_NAMESPACE,
  type WidgetHandshakeAuth,
  type WidgetToServerEvents,
} from '../../shared/protocol.ts';
import { guard, type Log } from './log.ts';

export type WebSocketConstructor = new (url: string) => WebSocket;

export type ConnectionState = 'connected' | 'disconnected' | 'failed';

export interface ConnectionOptions {
  /** Origin (optionally with a path prefix) of the Proofhook server: https://proof.example.com */
  server: string;
  key: string;
  /** A preview token from the page URL, sent in every handshake. */
  preview?: string;
  /** The page's language, so the server sends the popup's words in it. */
  lang?: string;
  /** The page's path, read at each handshake (SPAs navigate): product counters count its product. */
  path?: () => string;
  on: Partial<ServerToWidgetEvents>;
  log: Log;
  /** Injected in Node tests (the `ws` package); the browser's WebSocket otherwise. */
  WebSocket?: WebSocketConstructor;
  onState?: (state: ConnectionState, detail?: string) => void;
  /** The server refused the handshake for good (unknown key, origin not allowed): its message. */
  onRefused?: (message: string) => void;
  minDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

export interface Connection {
  emit<E extends keyof WidgetToServerEvents>(event: E, ...args: Parameters<WidgetToServerEvents[E]>): void;
  /** Closes until resume(): an open WebSocket keeps the host page out of the back/forward cache. */
  suspend(): void;
  resume(): void;
  close(): void;
}

/** Until the server's open packet arrives; then its pingInterval + pingTimeout take over. */
const OPEN_TIMEOUT_MS = 20_000;

// Engine.IO packet types (first character of a websocket frame).
const EIO_OPEN = '0';
const EIO_CLOSE = '1';
const EIO_PING = '2';
const EIO_PONG = '3';
const EIO_MESSAGE = '4';
// Socket.IO packet types (first character after EIO_MESSAGE).
const SIO_CONNECT = '0';
const SIO_DISCONNECT = '1';
const SIO_EVENT = '2';
const SIO_CONNECT_ERROR = '4';

/** ws(s)://host[/prefix]/socket.io/?EIO=4&transport=websocket */
export function toSocketUrl(server: string): string {
  const url = new URL(server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/socket.io/`;
  url.search = '?EIO=4&transport=websocket';
  url.hash = '';
  return url.href;
}

export function createConnection(options: ConnectionOptions): Connection {
  const { key, on, log, minDelayMs = 1000, maxDelayMs = 30_000, random = Math.random } = options;
  const Socket = options.WebSocket ?? (typeof WebSocket === 'undefined' ? undefined : WebSocket);
  const url = toSocketUrl(options.server);
  const prefix = `${EIO_MESSAGE}${SIO_EVENT}${WIDGET_NAMESPACE},`;
  let ws: WebSocket | undefined;
  let connected = false;
  let stopped = false;
  let suspended = false;
  let attempts = 0;
  let sinceId: number | undefined;
  let heartbeatTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeatMs = OPEN_TIMEOUT_MS;

  const state = (value: ConnectionState, detail?: string) => {
    log.debug(value, detail ?? '');
    options.onState?.(value, detail);
  };

  const send = (frame: string) => {
    try {
      ws?.send(frame);
    } catch (error) {
      log.debug('send failed', error);
    }
  };

  const teardown = () => {
    const socket = ws;
    ws = undefined;
    connected = false;
    clearTimeout(heartbeatTimer);
    clearTimeout(retryTimer);
    retryTimer = undefined;
    try {
      socket?.close();
    } catch {
      // already closing
    }
  };

  /** Closes the current socket; retries with backoff unless told otherwise. */
  const drop = (reason: string, retry: boolean) => {
    teardown();
    if (!retry) stopped = true;
    state(retry ? 'disconnected' : 'failed', reason);
    if (!retry || suspended) return;
    // Exponential backoff with ±50 % jitter, so that a restarted server is not hit by every widget at once.
    const delayMs = Math.min(maxDelayMs, minDelayMs * 2 ** attempts++ * (0.5 + random()));
    retryTimer = setTimeout(guard(log, open), delayMs);
  };

  /** The server pings every pingInterval; no ping for pingInterval + pingTimeout means the link is dead. */
  const heartbeat = () => {
    clearTimeout(heartbeatTimer);
    heartbeatTimer = setTimeout(
      guard(log, () => drop('ping timeout', true)),
      heartbeatMs,
    );
  };

  /** The highest conversion id seen goes into the next handshake, so the server backfills only what was missed. */
  const track = (conversions: PublicConversion[]) => {
    for (const conversion of conversions) {
      if (conversion?.test) continue; // a test event's id is not the stored conversions' sequence
      const id = conversion?.id;
      if (typeof id === 'number' && (sinceId === undefined || id > sinceId)) sinceId = id;
    }
  };

  const dispatch = (name: string, data: unknown) => {
    if (name === 'widget:ready') track((data as { conversions?: PublicConversion[] })?.conversions ?? []);
    if (name === 'conversion:created') track([data as PublicConversion]);
    // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is ES2022 (Safari 15.4); the bundle targets ES2019.
    if (!Object.prototype.hasOwnProperty.call(on, name)) return;
    const handler = on[name as keyof ServerToWidgetEvents] as ((payload: unknown) => void) | undefined;
    handler?.(data);
  };

  const receiveSocketPacket = (packet: string) => {
    const type = packet[0];
    const namespace = `${WIDGET_NAMESPACE},`;
    if (!packet.startsWith(namespace, 1)) return; // another namespace, or binary: not ours
    const body = packet.slice(1 + namespace.length).replace(/^\d+/, ''); // drop an ack id; the widget never acks
    if (type === SIO_CONNECT) {
      connected = true;
      attempts = 0;
      state('connected');
    } else if (type === SIO_EVENT) {
      const [name, data] = JSON.parse(body) as [string, unknown];
      dispatch(name, data);
    } else if (type === SIO_CONNECT_ERROR) {
      // Middleware refused the handshake (unknown key, wrong origin): retrying cannot help, unless the
      // server marks the error as passing (`err.data = { retry: true }`, e.g. its database is down).
      const error = JSON.parse(body || '{}') as { message?: string; data?: { retry?: unknown } };
      const retry = error.data?.retry === true;
      drop(error.message ?? 'connect_error', retry);
      if (!retry) options.onRefused?.(String(error.message ?? ''));
    } else if (type === SIO_DISCONNECT) {
      // The server closed this namespace on purpose; like socket.io-client, do not come back.
      drop('io server disconnect', false);
    }
  };

  const receive = (frame: string) => {
    const type = frame[0];
    if (type === EIO_OPEN) {
      const handshake = JSON.parse(frame.slice(1)) as { pingInterval: number; pingTimeout: number };
      heartbeatMs = handshake.pingInterval + handshake.pingTimeout;
      heartbeat();
      const auth: WidgetHandshakeAuth = { key };
      if (sinceId !== undefined) auth.sinceId = sinceId;
      if (options.preview) auth.preview = options.preview;
      if (options.lang) auth.lang = options.lang;
      // The home page is no product's page: no path, and the server counts nothing for it.
      const path = options.path?.();
      if (path && path !== '/') auth.path = path;
      send(`${EIO_MESSAGE}${SIO_CONNECT}${WIDGET_NAMESPACE},${JSON.stringify(auth)}`);
    } else if (type === EIO_PING) {
      heartbeat();
      send(EIO_PONG);
    } else if (type === EIO_MESSAGE) {
      receiveSocketPacket(frame.slice(1));
    } else if (type === EIO_CLOSE) {
      drop('server close', true);
    }
  };

  function open() {
    retryTimer = undefined;
    if (stopped || suspended) return;
    if (!Socket) return state('failed', 'no WebSocket');
    let socket: WebSocket;
    try {
      socket = new Socket(url);
    } catch (error) {
      log.debug('websocket', error);
      return drop('websocket error', true);
    }
    ws = socket;
    heartbeatMs = OPEN_TIMEOUT_MS;
    heartbeat();
    socket.onmessage = guard(log, (event: MessageEvent) => {
      if (ws === socket) receive(String(event.data));
    });
    socket.onclose = socket.onerror = guard(log, () => {
      if (ws === socket) drop('transport close', true);
    });
  }

  open();

  return {
    emit(event, ...args) {
      if (!connected) return; // stats are best effort: nothing is buffered while offline
      send(`${prefix}${JSON.stringify([event, ...args])}`);
    },
    suspend() {
      if (stopped || suspended) return;
      suspended = true;
      teardown();
      state('disconnected', 'suspended');
    },
    resume() {
      if (!suspended) return;
      suspended = false;
      attempts = 0;
      open();
    },
    close() {
      stopped = true;
      teardown();
    },
  };
}
