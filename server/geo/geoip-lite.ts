// GeoLookup backed by geoip-lite's bundled GeoLite data, loaded on the first lookup (~0.2 s)
// so that start-up stays fast and installs without geo traffic never pay for it.
import { createRequire } from 'node:module';
import type { GeoLookup } from './geo.types.ts';

interface GeoipLite {
  lookup(ip: string): { country: string; region: string; city: string } | null;
}

export function createGeoipLiteLookup(): GeoLookup {
  let geoip: GeoipLite | undefined;
  return {
    lookup(ip) {
      geoip ??= createRequire(import.meta.url)('geoip-lite') as GeoipLite;
      const hit = geoip.lookup(ip);
      if (!hit) return undefined;
      return {
        city: hit.city || undefined,
        countryCode: hit.country || undefined,
        stateCode: hit.region || undefined,
      };
    },
  };
}
