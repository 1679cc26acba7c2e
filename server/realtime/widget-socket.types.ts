// The typed Socket.IO shapes the widget namespace's parts share: what each widget socket carries, and
// the messages Proofhook processes send each other over the cluster adapter.
import type { Namespace, Socket } from 'socket.io';
import type { PublicConversion, ServerToWidgetEvents, WidgetToServerEvents } from '../../shared/protocol.ts';

export interface SocketData {
  siteId: number;
  notificationIds: Set<number>;
  /** Opened with a valid preview token: gets test events, is not counted, its stats are ignored. */
  preview: boolean;
  /** The client's address as the realtime side counts it (see WidgetRealtimeDeps.clientAddress). */
  address: string;
}

export type PushEvent = 'conversion:created' | 'counter:updated' | 'visitors:updated';
export const PUSH_EVENTS = new Set<string>(['conversion:created', 'counter:updated', 'visitors:updated']);

/** Between processes (Socket.IO serverSideEmit over the cluster adapter). */
export interface ServerSideEvents {
  /** "How many widgets of this site do you have?", answered through the ack. */
  'visitors:count': (siteId: number, reply: (count: number) => void) => void;
  /** "Push this to your widgets of the site": one Redis message per push, sliced by each process. */
  'site:push': (siteId: number, event: PushEvent, payload: unknown) => void;
  /**
   * "Push this to your preview widgets of the site" (test events). An event of its own, not an
   * argument of site:push: a process of an older version would broadcast it to every visitor.
   */
  'preview:push': (siteId: number, payload: PublicConversion) => void;
}

export type WidgetNamespace = Namespace<WidgetToServerEvents, ServerToWidgetEvents, ServerSideEvents, SocketData>;
export type WidgetSocket = Socket<WidgetToServerEvents, ServerToWidgetEvents, ServerSideEvents, SocketData>;

/** Set when the Socket.IO server has a cluster adapter (see redis-streams-adapter.ts). */
export interface RealtimeCluster {
  /** False while the adapter's Redis is away or not answering: cross-process requests would only fail. */
  isConnected(): boolean;
  onRecovered(listener: (downSince: number) => void): void;
}

/** What the realtime side needs to know of a connecting client to tell who it is. */
export interface ClientHandshake {
  address: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}
