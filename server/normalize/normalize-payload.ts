// normalizePayload: any parsed webhook body → a conversion in the Proofhook conversion format, plus where each field was found.
//
// Pure, with bounded work on any input (see walk-payload.ts for the limits and the path notation
// used in `sources`). Odd input is not an error: it yields a conversion with fewer fields. A throw
// is a bug of ours and reaches the caller on purpose, so the webhook route logs it and keeps the
// delivery for replay after the fix instead of storing a conversion with its details silently lost. Derived values report the path they came from:
// a country name derived from `countryCode` reports the code's path; names guessed from the
// email report the email's path (with nameDerived: true); geo-IP fields report `geo:<ip path>`.
import { findAnonymousChoice } from './anonymous-choice.ts';
import { type Envelope, findTopLevelLeaf, readEnvelope } from './envelopes.ts';
import { findEmail } from './find-email.ts';
import { findLocation } from './find-location.ts';
import { findMoney } from './find-money.ts';
import { findNames } from './find-names.ts';
import { findProducts } from './find-products.ts';
import type { FoundProducts } from './found-products.ts';
import { findTime } from './find-time.ts';
import { applyFieldMap } from '../senders/field-map.ts';
import type { SenderReading } from '../senders/sender-profile.ts';
import { applySenderReading } from './apply-sender-reading.ts';
import { findTopLevelProduct, type TopLevelProduct } from './find-top-level-product.ts';
import type { KeyInfo } from './key-words.ts';
import { findOrderStatus } from './order-status.ts';
import { isPlausibleTime } from './parse-time.ts';
import { toText } from './text-limits.ts';
import type { NormalizeOptions } from './normalize-options.ts';
import type { FieldSources, NormalizedConversion, NormalizeResult, ProductLine } from './types.ts';
import { type Walk, walkPayload } from './walk-payload.ts';

export function normalizePayload(payload: unknown, options: NormalizeOptions): NormalizeResult {
  const receivedAt = Number.isFinite(options.receivedAt) ? options.receivedAt : Date.now();
  // A popular sender's profile reads its fields exactly; detection fills in whatever it left out.
  const request = { headers: options.headers ?? {}, body: payload };
  const profile = options.senders?.recognize(request);
  const reading = profile?.read(request);
  const decided = reading ? decidedByProfile(reading, receivedAt) : NOTHING_DECIDED;
  const walk = walkPayload(reading?.body ?? payload);
  const result = normalizeWalk(walk, receivedAt, options.lookupIp, decided);
  if (profile && reading) applySenderReading(result, profile.id, reading, receivedAt);
  // The owner's own paths, last: what they pointed at wins over profile and detection alike.
  if (options.fieldMap) applyFieldMap(result, payload, options.fieldMap, receivedAt);
  // ...except the person's own choice: a donor who ticked "anonymous" has no name, whoever read it.
  if (result.conversion.firstName !== undefined || result.conversion.lastName !== undefined) {
    if (findAnonymousChoice(walk)) forgetNames(result);
  }
  return result;
}

function forgetNames(result: NormalizeResult): void {
  delete result.conversion.firstName;
  delete result.conversion.lastName;
  delete result.sources.firstName;
  delete result.sources.lastName;
  result.conversion.nameDerived = false;
}

/**
 * The groups of fields a sender profile's reading decides. applySenderReading replaces detection's
 * values for each such group as a whole, so detection need not look for them: a recognised webhook
 * then costs about what an unrecognised one does (`npm run bench:senders`).
 */
interface Decided {
  email: boolean;
  names: boolean;
  place: boolean;
  time: boolean;
  productsAndTotal: boolean;
  status: boolean;
}

const NOTHING_DECIDED: Decided = {
  email: false,
  names: false,
  place: false,
  time: false,
  productsAndTotal: false,
  status: false,
};

function decidedByProfile(reading: SenderReading, receivedAt: number): Decided {
  const f = reading.fields;
  const products = f.products !== undefined || f.productName !== undefined;
  return {
    email: f.email !== undefined,
    names: f.firstName !== undefined || f.lastName !== undefined,
    place:
      f.city !== undefined ||
      f.state !== undefined ||
      f.stateCode !== undefined ||
      f.country !== undefined ||
      f.countryCode !== undefined,
    time: reading.noTime === true || (f.timestamp !== undefined && isPlausibleTime(f.timestamp, receivedAt)),
    productsAndTotal: products && f.total !== undefined && f.currency !== undefined,
    status: f.orderStatus !== undefined || f.notShownReason !== undefined,
  };
}

function normalizeWalk(
  walk: Walk,
  receivedAt: number,
  lookupIp: NormalizeOptions['lookupIp'],
  decided: Decided,
): NormalizeResult {
  const envelope = readEnvelope(walk);
  const sources: FieldSources = {};
  const conversion: NormalizedConversion = { nameDerived: false, products: [], moreProducts: 0, timestamp: receivedAt };

  // Names and places are scored by their nearness to the email, so it is found while they are sought.
  const email = decided.email && decided.names && decided.place ? undefined : findEmail(walk, envelope.topLevel);
  if (email) {
    conversion.email = email.email;
    sources.email = email.leaf.path;
  }

  const names = decided.names ? { derived: false } : findNames(walk, email);
  if (names.firstName && names.firstSource) {
    conversion.firstName = names.firstName;
    sources.firstName = names.firstSource;
  }
  if (names.lastName && names.lastSource) {
    conversion.lastName = names.lastName;
    sources.lastName = names.lastSource;
  }
  conversion.nameDerived = names.derived;

  // With the place known, no IP is looked for either: it would only have served a geo lookup.
  const location = decided.place ? { sources: {} } : findLocation(walk, email, lookupIp);
  for (const field of ['ip', 'city', 'country', 'countryCode', 'state', 'stateCode'] as const) {
    const value = (location as Partial<Record<typeof field, string>>)[field];
    const source = (location.sources as Partial<Record<typeof field, string>>)[field];
    if (value !== undefined && source !== undefined) {
      conversion[field] = value;
      sources[field] = source;
    }
  }

  const time = decided.time ? undefined : findTime(walk, envelope.topLevel, receivedAt);
  if (time) {
    conversion.timestamp = time.ms;
    sources.timestamp = time.leaf.path;
  }

  if (!decided.productsAndTotal) findProductsAndMoney(walk, envelope, conversion, sources);

  applyEnvelope(conversion, sources, envelope);
  const status = decided.status ? {} : findOrderStatus(walk, envelope);
  if (status.orderStatus) {
    conversion.orderStatus = status.orderStatus;
    if (status.source) sources.orderStatus = status.source;
  }
  if (status.notShownReason) {
    conversion.notShownReason = status.notShownReason;
    if (status.source) sources.notShownReason = status.source;
  }

  const guid = findTopLevelLeaf(walk, envelope.topLevel, isGuidKey);
  const guidText = guid && toText(guid.value);
  if (guid && guidText) {
    conversion.guid = guidText;
    sources.guid = guid.path;
  }
  return { conversion, sources };
}

function findProductsAndMoney(
  walk: Walk,
  envelope: Envelope,
  conversion: NormalizedConversion,
  sources: FieldSources,
): void {
  const productsFirstPass = findProducts(walk, { stripeShaped: envelope.stripeShaped, topLevel: envelope.topLevel });
  const money = findMoney(walk, {
    stripeShaped: envelope.stripeShaped,
    listContainer: productsFirstPass.listContainer,
  });
  // A bare `$` names a currency only for a US buyer; elsewhere it stays unknown.
  const currency = money.currency === '$' ? (conversion.countryCode === 'US' ? 'USD' : undefined) : money.currency;
  if (money.total !== undefined && money.totalSource) {
    conversion.total = money.total;
    sources.total = money.totalSource;
  }
  if (currency && money.currencySource) {
    conversion.currency = currency;
    sources.currency = money.currencySource;
  }

  // Stripe line prices depend on the currency's minor units, known only now.
  const products =
    envelope.stripeShaped && currency
      ? findProducts(walk, { stripeShaped: true, currency, topLevel: envelope.topLevel })
      : productsFirstPass;
  applyProducts(conversion, sources, products, findTopLevelProduct(walk, envelope.topLevel));
}

function isGuidKey(key: KeyInfo): boolean {
  return key.norm === 'guid';
}

function applyEnvelope(conversion: NormalizedConversion, sources: FieldSources, envelope: Envelope): void {
  if (envelope.event) {
    conversion.event = envelope.event.value;
    sources.event = envelope.event.path;
  }
  if (envelope.eventId) {
    conversion.eventId = envelope.eventId.value;
    sources.eventId = envelope.eventId.path;
  }
}

function applyProducts(
  conversion: NormalizedConversion,
  sources: FieldSources,
  found: FoundProducts,
  top: TopLevelProduct,
): void {
  const main = found.main === undefined ? undefined : found.lines[found.main];
  if (top.name) {
    // The conversion format's top-level product wins over the list, link and image included.
    conversion.productName = top.name.value;
    sources.productName = top.name.path;
    if (top.link) [conversion.productLink, sources.productLink] = [top.link.value, top.link.path];
    if (top.image) [conversion.productImage, sources.productImage] = [top.image.value, top.image.path];
  } else if (main) {
    if (main.name && found.mainSources.name)
      [conversion.productName, sources.productName] = [main.name, found.mainSources.name];
    if (main.link && found.mainSources.link)
      [conversion.productLink, sources.productLink] = [main.link, found.mainSources.link];
    if (main.image && found.mainSources.image)
      [conversion.productImage, sources.productImage] = [main.image, found.mainSources.image];
  }
  if (found.lines.length > 0) {
    conversion.products = found.lines;
    conversion.moreProducts = Math.max(0, found.count - 1);
    if (found.listPath !== undefined) [sources.products, sources.moreProducts] = [found.listPath, found.listPath];
  } else if (top.name) {
    const line: ProductLine = { name: top.name.value };
    if (top.link) line.link = top.link.value;
    if (top.image) line.image = top.image.value;
    conversion.products = [line];
    sources.products = top.name.path;
  }
}
