// A real socket.io-client connected to a test app's widget namespace, with helpers that clean up after themselves.
import type { AddressInfo } from 'node:net';
import { type Socket, io as connect } from 'socket.io-client';
import type {
  GoalsToWidgetEvents,
  ServerToWidgetEvents,
  WidgetGoalSettings,
  WidgetHandshakeAuth,
  WidgetToServerEvents,
} from '../../shared/protocol.ts';
import type { AnyTestApp } from './test-app.ts';

export type WidgetClient = Socket<ServerToWidgetEvents, WidgetToServerEvents>;

/** Listens on a free loopback port; the app's base URL. */
export async function listen(t: Pick<AnyTestApp, 'httpServer'>): Promise<string> {
  await new Promise<void>((resolve) => t.httpServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(t.httpServer.address() as AddressInfo).port}`;
}

export function connectWidget(
  baseUrl: string,
  /** `preview`: a token from POST /api/sites/:id/preview-link, as the widget sends it from a preview link. */
  auth: WidgetHandshakeAuth,
  options: { origin?: string; reconnection?: boolean } = {},
): WidgetClient {
  return connect(`${baseUrl}/widget`, {
    auth,
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    forceNew: true,
    extraHeaders: options.origin ? { Origin: options.origin } : {},
  });
}

/** Resolves with the next `event`, or rejects after `timeoutMs`; the listener never outlives the wait. */
export function waitFor<E extends keyof ServerToWidgetEvents>(
  socket: WidgetClient,
  event: E,
  // A hang guard, not a speed limit: a loaded CI machine may take seconds to connect a widget.
  timeoutMs = 20_000,
): Promise<Parameters<ServerToWidgetEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, onEvent as never);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const onEvent = (payload: Parameters<ServerToWidgetEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, onEvent as never);
  });
}

/**
 * Resolves with the goal settings every counted widget gets after its handshake. They are read from
 * storage on their own, so on PostgreSQL they may arrive after `widget:ready`: call this as soon as
 * the socket is opened, before awaiting anything.
 */
export function waitForGoalSettings(socket: WidgetClient): Promise<WidgetGoalSettings> {
  const event: keyof GoalsToWidgetEvents = 'goals:configured';
  return new Promise((resolve) => {
    (socket as unknown as { once(name: string, listener: (value: WidgetGoalSettings) => void): void }).once(
      event,
      resolve,
    );
  });
}

export function waitForConnectError(socket: WidgetClient, timeoutMs = 20_000): Promise<Error> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for connect_error')), timeoutMs);
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
}

/** Collects every frame the client receives, as raw text, to prove what never crosses the wire. */
export function recordFrames(socket: WidgetClient): string[] {
  const frames: string[] = [];
  socket.io.engine?.on('packet', (packet: { data?: unknown }) => {
    frames.push(typeof packet.data === 'string' ? packet.data : JSON.stringify(packet.data ?? ''));
  });
  socket.io.on('open', () => {
    socket.io.engine.on('packet', (packet: { data?: unknown }) => {
      frames.push(typeof packet.data === 'string' ? packet.data : JSON.stringify(packet.data ?? ''));
    });
  });
  return frames;
}

/**
 * Resolves with every `event` the socket receives until `last` matches one: what arrived before a
 * known later event, to prove something was never sent (events on one socket arrive in order).
 */
export function collectUntil<E extends keyof ServerToWidgetEvents>(
  socket: WidgetClient,
  event: E,
  last: (payload: Parameters<ServerToWidgetEvents[E]>[0]) => boolean,
  timeoutMs = 5000,
): Promise<Array<Parameters<ServerToWidgetEvents[E]>[0]>> {
  return new Promise((resolve, reject) => {
    const seen: Array<Parameters<ServerToWidgetEvents[E]>[0]> = [];
    const timer = setTimeout(() => {
      socket.off(event, onEvent as never);
      reject(new Error(`timed out waiting for the last ${event}; got ${JSON.stringify(seen)}`));
    }, timeoutMs);
    const onEvent = (payload: Parameters<ServerToWidgetEvents[E]>[0]) => {
      seen.push(payload);
      if (!last(payload)) return;
      clearTimeout(timer);
      socket.off(event, onEvent as never);
      resolve(seen);
    };
    socket.on(event, onEvent as never);
  });
}
