// Caps on open widget connections, per client address and per site (this process's), so one address
// or one site cannot take every socket. A refusal is marked `retry`: the widget backs off and tries
// again rather than giving up for the page view.
import type { Limits } from '../limits.ts';

export interface ConnectionCaps {
  /** The error to refuse a new connection with, or undefined when there is room. */
  refusal(address: string, siteId: number): Error | undefined;
  /** Counts an accepted connection; the returned function uncounts it (on disconnect). */
  hold(address: string, siteId: number): () => void;
}

const adjust = <K>(counts: Map<K, number>, key: K, by: number) => {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
};

const tooMany = (message: string) => Object.assign(new Error(message), { data: { retry: true } });

export function createConnectionCaps(limits: Pick<Limits, 'widgetsPerIp' | 'widgetsPerSite'>): ConnectionCaps {
  const perAddress = new Map<string, number>();
  const perSite = new Map<number, number>();
  return {
    refusal(address, siteId) {
      if ((perAddress.get(address) ?? 0) >= limits.widgetsPerIp) {
        return tooMany('Too many widget connections from this address');
      }
      if ((perSite.get(siteId) ?? 0) >= limits.widgetsPerSite) {
        return tooMany('Too many widget connections for this site; try again later');
      }
      return undefined;
    },
    hold(address, siteId) {
      adjust(perAddress, address, 1);
      adjust(perSite, siteId, 1);
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        adjust(perAddress, address, -1);
        adjust(perSite, siteId, -1);
      };
    },
  };
}
