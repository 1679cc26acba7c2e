// The normalized conversion in the Proofhook conversion format, plus where each field was found.
// The conversion's shape is shared with the admin (shared/conversion.ts).
import type { FieldSources, NormalizedConversion, ProductLine } from '../../shared/conversion.ts';

export type { FieldSources, NormalizedConversion, ProductLine };

export interface NormalizeResult {
  conversion: NormalizedConversion;
  sources: FieldSources;
}

/** Geo-IP as the normalizer sees it: injected so normalization stays pure and testable. */
export interface GeoResult {
  city?: string;
  countryCode?: string;
  /** ISO 3166-2 subdivision code without the country prefix, e.g. `FL`. */
  stateCode?: string;
}
