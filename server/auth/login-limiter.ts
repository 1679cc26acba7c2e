// Failed admin logins per client address in a sliding window: past the limit every attempt from
// that address is refused with 429 until the oldest failure leaves the window.
import { isIPv6 } from 'node:net';
import type { Clock } from '../clock.ts';

export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Addresses remembered at once; past this, the one seen least recently is forgotten. */
const MAX_TRACKED = 10_000;

export interface LoginLimiter {
  /** Milliseconds until this address may try again, or 0 when it may try now. */
  retryAfterMs(ip: string): number;
  recordFailure(ip: string): void;
  /** A success forgets the address's failures: a typo before the right token costs nothing later. */
  recordSuccess(ip: string): void;
}

export interface LoginLimiterOptions {
  clock: Clock;
  maxFailures?: number;
  windowMs?: number;
}

function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
}

/**
 * One IPv6 host usually owns a whole /64, so counting single addresses would let it rotate
 * through 2^64 of them; IPv4-mapped addresses count as the IPv4 address they carry.
 */
export function limiterKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip.toLowerCase().split('%')[0] as string)
    .slice(0, 4)
    .map((part) => part.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function createLoginLimiter(options: LoginLimiterOptions): LoginLimiter {
  const { clock, maxFailures = MAX_LOGIN_FAILURES, windowMs = LOGIN_FAILURE_WINDOW_MS } = options;
  const failures = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const times = (failures.get(key) ?? []).filter((at) => at > now - windowMs);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  }

  return {
    retryAfterMs(ip) {
      const now = clock.now();
      const times = recent(limiterKey(ip), now);
      if (times.length < maxFailures) return 0;
      // The window reopens when enough of the oldest failures have aged out.
      const reopensAt = (times[times.length - maxFailures] as number) + windowMs;
      return Math.max(1, reopensAt - now);
    },
    recordFailure(ip) {
      const now = clock.now();
      const key = limiterKey(ip);
      const times = recent(key, now);
      failures.delete(key); // re-inserted last: the map stays ordered by last failure
      failures.set(key, [...times, now].slice(-maxFailures));
      if (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value as string);
    },
    recordSuccess(ip) {
      failures.delete(limiterKey(ip));
    },
  };
}
