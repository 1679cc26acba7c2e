// A TCP proxy a test owns, in front of the real PostgreSQL or Redis: cutting it fails exactly the
// processes pointed at it, and no service the rest of the machine uses is ever stopped.
import net from 'node:net';

export type ProxyState = 'up' | 'reset' | 'blackhole';

export interface TcpProxy {
  port: number;
  /** The target's URL with host and port swapped for the proxy's. */
  url(targetUrl: string): string;
  /**
   * 'reset' drops every connection and closes new ones at once (a server that went away);
   * 'blackhole' drops every connection and accepts new ones that are never answered (a dead network).
   */
  cut(state: Exclude<ProxyState, 'up'>): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let state: ProxyState = 'up';
  const open = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const dropAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };

  const server = net.createServer((client) => {
    track(client);
    if (state === 'reset') {
      client.destroy();
      return;
    }
    if (state === 'blackhole') return;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    url(targetUrl) {
      const url = new URL(targetUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    cut(next) {
      state = next;
      dropAll();
    },
    restore() {
      state = 'up';
      // Black-holed connections are closed, so their clients notice and connect again.
      dropAll();
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
