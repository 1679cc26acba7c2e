// A TCP proxy in front of the test Redis that can fail in the two ways Redis fails in production:
// 'closed' drops every connection and refuses new ones (a restart, a crash); 'hung' keeps every
// connection open and answers nothing, holding what each side sent until it is restored (a stopped
// or overloaded server, a network that delays packets), as TCP itself would.
import net from 'node:net';

export type RedisFault = 'closed' | 'hung';

export interface RedisFaultProxy {
  /** The target's URL with host and port swapped for the proxy's. */
  url(targetUrl: string): string;
  fail(fault: RedisFault): void;
  /** Back to forwarding; what a hung proxy held is delivered first, in order. */
  restore(): void;
  close(): Promise<void>;
}

interface Link {
  client: net.Socket;
  upstream: net.Socket;
  heldForUpstream: Buffer[];
  heldForClient: Buffer[];
}

export async function startRedisFaultProxy(target: { host: string; port: number }): Promise<RedisFaultProxy> {
  let state: 'up' | RedisFault = 'up';
  const links = new Set<Link>();

  const server = net.createServer((client) => {
    client.on('error', () => client.destroy());
    if (state === 'closed') {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    upstream.on('error', () => upstream.destroy());
    const link: Link = { client, upstream, heldForUpstream: [], heldForClient: [] };
    links.add(link);
    client.on('data', (chunk) => (state === 'hung' ? link.heldForUpstream.push(chunk) : upstream.write(chunk)));
    upstream.on('data', (chunk) => (state === 'hung' ? link.heldForClient.push(chunk) : client.write(chunk)));
    const end = () => {
      links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const dropAll = () => {
    for (const link of links) {
      link.client.destroy();
      link.upstream.destroy();
    }
    links.clear();
  };

  return {
    url(targetUrl) {
      const url = new URL(targetUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    fail(fault) {
      state = fault;
      if (fault === 'closed') dropAll();
    },
    restore() {
      state = 'up';
      for (const link of links) {
        for (const chunk of link.heldForUpstream.splice(0)) link.upstream.write(chunk);
        for (const chunk of link.heldForClient.splice(0)) link.client.write(chunk);
      }
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
