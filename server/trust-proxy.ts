// Which peers may say who the client is (TRUST_PROXY), and the client address that follows from it.
// Express, the webhook handler and the widget handshake all ask the same question, so they all use
// Express's compiled trust function (`app.get('trust proxy fn')`) and the walk below, which is the
// one Express's own `req.ip` does (https://expressjs.com/en/guide/behind-proxies.html).
import { isIP } from 'node:net';

/**
 * false: trust no proxy (the TCP peer is the client); a number: trust that many hops nearest to us;
 * a list: trust peers at these addresses, CIDR ranges or the names loopback, linklocal, uniquelocal.
 */
export type TrustProxy = false | number | string[];

/** Express's compiled form: is the address `hop` steps away from us (0 = the TCP peer) a trusted proxy? */
export type TrustFunction = (address: string, hop: number) => boolean;

export interface PeerRequest {
  /** The TCP peer's address. */
  address: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const OFF = new Set(['', 'false', 'off', '0']);

function checkEntry(entry: string): string | undefined {
  if (NAMED_RANGES.has(entry)) return undefined;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return `"${entry}" is not an IP address, a CIDR range or a range name`;
  if (prefix === undefined) return undefined;
  const bits = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) return `"${entry}" has a prefix length outside 0-${bits}`;
  return undefined;
}

/** Reads TRUST_PROXY; a string is the reason the value is refused. */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxy } | { error: string } {
  const text = (raw ?? '').trim().toLowerCase();
  if (OFF.has(text)) return { value: false };
  if (text === 'true') {
    return {
      error:
        'true would let any client choose its own address; name the proxy: loopback, a hop count such as 1, or its addresses',
    };
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 16 ? { value: hops } : { error: 'a hop count must be 16 or less' };
  }
  const entries = text.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const problem = checkEntry(entry);
    if (problem) return { error: `${problem}; use false, loopback, a hop count such as 1, or addresses and CIDRs` };
  }
  return { value: entries };
}

function forwardedFor(headers: PeerRequest['headers']): string[] {
  const header = headers['x-forwarded-for'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * Walks from the TCP peer back along X-Forwarded-For while each hop is a trusted proxy; the first
 * untrusted one (or the farthest listed) is the client. With nothing trusted, the peer itself.
 */
export function clientAddressOf(trust: TrustFunction, peer: PeerRequest): string {
  const hops = [peer.address, ...forwardedFor(peer.headers).reverse()];
  for (let hop = 0; hop < hops.length - 1; hop += 1) {
    if (!trust(hops[hop] as string, hop)) return hops[hop] as string;
  }
  return hops[hops.length - 1] as string;
}
