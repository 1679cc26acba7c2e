// Geo-IP behind a small interface so tests can fake it and the data loads only when needed.
import type { GeoResult } from '../normalize/types.ts';

export interface GeoLookup {
  lookup(ip: string): GeoResult | undefined;
}
