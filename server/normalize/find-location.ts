// Finds where the person is: the best address-like record (billing over shipping, never the store's), else geo-IP from their IP.
import { isIP } from 'node:net';
import type { PLACE_FIELDS } from '../../shared/conversion-fields.ts';
import { countryName, toCountryCode } from './countries.ts';
import type { FoundEmail } from './find-email.ts';
import { perKey } from './key-cache.ts';
import { keyClassifier } from './key-matchers.ts';
import { wordSet } from './key-words.ts';
import { capText } from './text-limits.ts';
import type { GeoResult, NormalizedConversion } from './types.ts';
import { findUsState } from './us-states.ts';
import { areNear, type Leaf, type Walk } from './walk-payload.ts';

/** The place fields an address holds, as shared/conversion-fields.ts lists them. */
type Kind = (typeof PLACE_FIELDS)[number];
type LocationField = 'ip' | Kind;

export type FoundLocation = Pick<NormalizedConversion, LocationField> & {
  sources: Partial<Record<LocationField, string>>;
};

const BASES: Readonly<Record<Kind, ReadonlySet<string>>> = {
  // PayPal's admin_area_2 and admin_area_1 (https://developer.paypal.com/docs/api/orders/v2/#definition-address_portable),
  // Square's administrative_district_level_1 (https://developer.squareup.com/reference/square/objects/Address).
  city: new Set(['city', 'town', 'locality', 'addresslocality', 'adminarea2']),
  country: new Set(['country', 'countryname', 'addresscountry', 'nation']),
  countryCode: wordSet('countrycode countryiso countryiso2 countryalpha2 isocountry isocountrycode'),
  state: wordSet(
    'state province region statename provincename regionname addressregion adminarea1 administrativedistrictlevel1 stateorprovince',
  ),
  stateCode: wordSet('statecode provincecode regioncode stateabbr stateabbreviation stateiso subdivisioncode'),
};
const KINDS = Object.keys(BASES) as Kind[];
const LOCATION_PREFIXES: ReadonlySet<string> = wordSet(`
  billing bill shipping ship customer buyer user member contact payer address addr mailing home geo ip
  client subscriber purchaser person primary default location your my residence visitor
`);
const locationKeyKind = perKey(
  keyClassifier(
    KINDS.map((kind) => [kind, BASES[kind]] as const),
    LOCATION_PREFIXES,
  ),
);
const IP_NORMS: ReadonlySet<string> = wordSet(`
  ip ipaddress ipaddr remoteaddr remoteaddress clientaddress xforwardedfor forwardedfor
`);
const isIpKey = perKey((key) => key.tokens.includes('ip') || IP_NORMS.has(key.norm));
const SAME_RECORD_BONUS = 5;
const NEAR_RECORD_BONUS = 3;
const MAX_PLACE_CHARS = 100;
const MAX_IP_CHARS = 64;

export function findLocation(
  walk: Walk,
  email: FoundEmail | undefined,
  lookupIp: ((ip: string) => GeoResult | undefined) | undefined,
): FoundLocation {
  const location = findPlace(walk, email);
  const ip = findIp(walk, email);
  if (ip) {
    location.ip = ip.ip;
    location.sources.ip = ip.path;
  }
  if (ip && lookupIp && location.city === undefined) applyGeo(location, ip, lookupIp);
  return location;
}

function findPlace(walk: Walk, email: FoundEmail | undefined): FoundLocation {
  const groups = new Map<number, Partial<Record<Kind, Leaf>>>();
  for (const leaf of walk.leaves) {
    if (typeof leaf.value !== 'string' || leaf.role < -1) continue;
    const kind = locationKeyKind(leaf.key);
    if (!kind || !isPlace(leaf.value)) continue;
    const group = groups.get(leaf.group) ?? {};
    groups.set(leaf.group, group);
    group[kind] ??= leaf;
  }

  let best: { fields: Partial<Record<Kind, Leaf>>; score: number } | undefined;
  for (const [group, fields] of groups) {
    // A lone `state`/`region` is as likely an order state or a cloud region as a place.
    if (!fields.city && !fields.country && !fields.countryCode) continue;
    const container = walk.containers[group];
    let count = 0;
    for (const kind of KINDS) if (fields[kind]) count++;
    let score = (container?.role ?? 0) + 0.5 * count - 0.1 * (container?.depth ?? 0);
    if (email) {
      if (group === email.leaf.group) score += SAME_RECORD_BONUS;
      else if (areNear(walk, group, email.leaf.group)) score += NEAR_RECORD_BONUS;
    }
    if (!best || score > best.score) best = { fields, score };
  }
  return best ? resolvePlace(best.fields) : { sources: {} };
}

function isPlace(value: string): boolean {
  return value.length <= MAX_PLACE_CHARS && /\p{L}/u.test(value) && !/[@<>{}]|:\/\//u.test(value);
}

function resolvePlace(fields: Partial<Record<Kind, Leaf>>): FoundLocation {
  const location: FoundLocation = { sources: {} };
  const { sources } = location;
  if (fields.city) {
    location.city = capText(String(fields.city.value), MAX_PLACE_CHARS);
    sources.city = fields.city.path;
  }
  const fromCode = fields.countryCode && toCountryCode(fields.countryCode.value);
  const fromName = fields.country && toCountryCode(fields.country.value);
  const code = fromCode ?? fromName;
  if (code) {
    location.countryCode = code;
    sources.countryCode = (fromCode ? fields.countryCode?.path : fields.country?.path) as string;
    location.country = countryName(code) ?? code;
    sources.country = (fromName ? fields.country?.path : fields.countryCode?.path) as string;
  } else if (fields.country) {
    // An unknown country is still worth showing as sent ("Narnia" is the sender's problem).
    location.country = capText(String(fields.country.value), MAX_PLACE_CHARS);
    sources.country = fields.country.path;
  }
  if (code === undefined || code === 'US') {
    const viaCode = fields.stateCode && findUsState(fields.stateCode.value);
    const viaName = fields.state && findUsState(fields.state.value);
    const state = viaCode || viaName;
    if (state) {
      const path = (viaCode ? fields.stateCode?.path : fields.state?.path) as string;
      location.stateCode = state.code;
      location.state = state.name;
      sources.stateCode = path;
      sources.state = (viaName ? fields.state?.path : path) as string;
      return location;
    }
  }
  // Outside the US states are kept as sent (the conversion format names US states only).
  if (fields.state) {
    const text = String(fields.state.value).trim();
    if (/^[A-Z0-9]{1,3}$/.test(text) && !fields.stateCode) {
      location.stateCode = text;
      sources.stateCode = fields.state.path;
    } else {
      location.state = capText(text, MAX_PLACE_CHARS);
      sources.state = fields.state.path;
    }
  }
  if (fields.stateCode && location.stateCode === undefined) {
    const text = String(fields.stateCode.value).trim().toUpperCase();
    if (/^[A-Z0-9]{1,3}$/.test(text)) {
      location.stateCode = text;
      sources.stateCode = fields.stateCode.path;
    }
  }
  return location;
}

function findIp(walk: Walk, email: FoundEmail | undefined): { ip: string; path: string } | undefined {
  let best: { ip: string; path: string; score: number } | undefined;
  for (const leaf of walk.leaves) {
    if (typeof leaf.value !== 'string' || leaf.value.length > 200 || leaf.role < -1) continue;
    if (!isIpKey(leaf.key)) continue;
    const ip = leaf.value.split(',')[0]?.trim() ?? '';
    // Zone ids (`fe80::1%eth0`) make isIP accept long strings.
    if (ip.length > MAX_IP_CHARS || isIP(ip) === 0) continue;
    const score = leaf.role - 0.1 * leaf.depth + (email && leaf.group === email.leaf.group ? 1 : 0);
    if (!best || score > best.score) best = { ip, path: leaf.path, score };
  }
  return best;
}

/**
 * Geo fills what the payload did not say. When the payload names a country, geo's city and
 * state are used only if geo agrees on the country: a Paris IP must not put a US buyer in Paris.
 */
function applyGeo(
  location: FoundLocation,
  ip: { ip: string; path: string },
  lookupIp: (ip: string) => GeoResult | undefined,
): void {
  let geo: GeoResult | undefined;
  try {
    geo = lookupIp(ip.ip);
  } catch {
    return;
  }
  if (!geo) return;
  const source = `geo:${ip.path}`;
  const geoCode = typeof geo.countryCode === 'string' ? toCountryCode(geo.countryCode) : undefined;
  if (location.countryCode !== undefined && geoCode !== location.countryCode) return;
  if (location.country !== undefined && location.countryCode === undefined) return;
  const { sources } = location;
  if (geoCode && location.countryCode === undefined) {
    location.countryCode = geoCode;
    location.country = countryName(geoCode) ?? geoCode;
    sources.countryCode = source;
    sources.country = source;
  }
  if (typeof geo.city === 'string' && geo.city.trim() !== '' && location.city === undefined) {
    location.city = capText(geo.city, MAX_PLACE_CHARS);
    sources.city = source;
  }
  if (
    typeof geo.stateCode === 'string' &&
    geo.stateCode.trim() !== '' &&
    location.stateCode === undefined &&
    location.state === undefined
  ) {
    const state = location.countryCode === 'US' ? findUsState(geo.stateCode) : undefined;
    location.stateCode = state?.code ?? capText(geo.stateCode.toUpperCase(), 3);
    sources.stateCode = source;
    if (state) {
      location.state = state.name;
      sources.state = source;
    }
  }
}
