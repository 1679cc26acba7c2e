// A notification's field map: the site owner's own answer to "where is the email in this body?",
// as paths into the parsed body (`data.buyer.mail`, `items[0].title`, `amount_cents/100`). Mapped
// values are cleaned like a profile's (readingOf) and laid over what profiles and detection found.
import { nameFromEmail } from '../normalize/person-name.ts';
import { isPlausibleTime } from '../normalize/parse-time.ts';
import type { NormalizeResult } from '../normalize/types.ts';
import { MAX_PATH_CHARS, parsePath } from './field-path.ts';
import { type ReadingBuilder, readingOf } from './sender-reading.ts';

export { MAPPABLE_FIELDS, type MappableField } from '../../shared/field-map.ts';
import { MAPPABLE_FIELDS, type MappableField } from '../../shared/field-map.ts';
/** Field → path into the parsed body, with an optional `/100` or `/1000` on money fields. */
export type FieldMap = Partial<Record<MappableField, string>>;
/** A PATCH: a path sets a field, null removes it; fields not named stay as they were. */
export type FieldMapPatch = Partial<Record<MappableField, string | null>>;

/** Fields an integer in minor units may be mapped to (cents: `/100`; mils: `/1000`). */
const MONEY_FIELDS: ReadonlySet<MappableField> = new Set(['total']);
const DIVISORS: Readonly<Record<string, number>> = { '100': 100, '1000': 1000 };
const SUFFIX = /^(.*)\/(\d+)$/;

/** Fields the map decides together: mapping one clears detection's value for the others. */
const GROUPS: readonly (readonly MappableField[])[] = [
  ['country', 'countryCode'],
  ['state', 'stateCode'],
];

export function isMappableField(field: string): field is MappableField {
  return (MAPPABLE_FIELDS as readonly string[]).includes(field);
}

/** The path and the divisor of a map entry; undefined when it is not one. */
export function parseMapEntry(field: MappableField, entry: string): { path: string; divisor?: number } | undefined {
  return typeof entry === 'string' && entryProblem(field, entry) === undefined ? splitEntry(entry) : undefined;
}

function splitEntry(entry: string): { path: string; divisor?: number } {
  const suffix = SUFFIX.exec(entry);
  if (!suffix) return { path: entry };
  return { path: suffix[1] as string, divisor: DIVISORS[suffix[2] as string] };
}

/** Why `entry` cannot be the path of `field` (null: why `field` cannot be mapped), or undefined when it can. */
export function entryProblem(field: string, entry: string | null): string | undefined {
  if (!isMappableField(field)) return `not a field that can be mapped (one of ${MAPPABLE_FIELDS.join(', ')})`;
  if (entry === null) return undefined;
  const shown = JSON.stringify(entry.length > 80 ? `${entry.slice(0, 80)}…` : entry);
  const suffix = SUFFIX.exec(entry);
  if (suffix) {
    if (!MONEY_FIELDS.has(field)) return `${shown} is not a path (a /100 or /1000 suffix is for total only)`;
    if (DIVISORS[suffix[2] as string] === undefined) {
      return `${shown} is not a path (minor units are written /100 or /1000)`;
    }
  }
  const path = suffix ? (suffix[1] as string) : entry;
  if (path.length > MAX_PATH_CHARS) return `${shown} is not a path (over ${MAX_PATH_CHARS} characters)`;
  if (parsePath(path) === undefined) {
    return `${shown} is not a path (write keys with dots and indexes in brackets: data.buyer.email, items[0].name, fields["First Name"])`;
  }
  return undefined;
}

/** The stored map after a PATCH; null when nothing is left. */
export function mergeFieldMap(current: FieldMap | null, patch: FieldMapPatch | null): FieldMap | null {
  if (patch === null) return null;
  const merged: Record<string, string> = { ...current };
  for (const [field, entry] of Object.entries(patch)) {
    if (entry === null || entry === undefined) delete merged[field];
    else merged[field] = entry;
  }
  return Object.keys(merged).length > 0 ? (merged as FieldMap) : null;
}

/** Reads each mapped field from `body` and lays what it finds over `result`; a path without a value changes nothing. */
export function applyFieldMap(result: NormalizeResult, body: unknown, map: FieldMap, receivedAt: number): void {
  const reading = readingOf(body);
  const labels: Partial<Record<string, string>> = {};
  // Country before state: a state code is read as a US state only when the country allows it.
  const order = [...MAPPABLE_FIELDS].sort((a, b) => rank(a) - rank(b));
  for (const field of order) {
    const entry = map[field];
    const parsed = entry === undefined ? undefined : parseMapEntry(field, entry);
    if (!parsed || !entry) continue;
    const before = { ...reading.fields } as Record<string, unknown>;
    readField(reading, field, parsed.path, parsed.divisor);
    // Every field this entry filled (a country fills its code too) shows the entry as its source.
    for (const [key, value] of Object.entries(reading.fields)) if (before[key] !== value) labels[key] = entry;
  }
  // done() splits a whole name found at the first-name path; its last name shows that path too.
  const fields = reading.done().fields as Record<string, unknown>;
  if (fields.lastName !== undefined && labels.lastName === undefined) labels.lastName = labels.firstName;
  if (fields.timestamp !== undefined && !isPlausibleTime(fields.timestamp as number, receivedAt)) {
    delete fields.timestamp;
  }
  const conversion = result.conversion as unknown as Record<string, unknown>;
  const sources = result.sources as Record<string, string | undefined>;
  for (const group of GROUPS) {
    if (!group.some((field) => fields[field] !== undefined)) continue;
    for (const field of group) {
      delete conversion[field];
      delete sources[field];
    }
  }
  const derivedNames = result.conversion.nameDerived;
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    conversion[field] = value;
    sources[field] = labels[field] ?? map[field as MappableField] ?? '';
  }
  if (fields.firstName !== undefined || fields.lastName !== undefined) {
    if (derivedNames) {
      // A name guessed from the email does not belong next to a name the owner pointed at.
      for (const field of ['firstName', 'lastName'] as const) {
        if (fields[field] === undefined) {
          delete conversion[field];
          delete sources[field];
        }
      }
    }
    result.conversion.nameDerived = false;
  } else if (fields.email !== undefined && (derivedNames || result.conversion.firstName === undefined)) {
    deriveNames(result, fields.email as string, sources.email ?? '');
  }
}

/** As detection does when a body has an email and no name: `maria.garcia@` → Maria Garcia. */
function deriveNames(result: NormalizeResult, email: string, source: string): void {
  const { conversion, sources } = result;
  delete conversion.firstName;
  delete conversion.lastName;
  delete sources.firstName;
  delete sources.lastName;
  conversion.nameDerived = false;
  const guessed = nameFromEmail(email);
  if (!guessed.first) return;
  conversion.firstName = guessed.first;
  sources.firstName = source;
  if (guessed.last) {
    conversion.lastName = guessed.last;
    sources.lastName = source;
  }
  conversion.nameDerived = true;
}

function rank(field: MappableField): number {
  return field === 'country' || field === 'countryCode' ? 0 : field === 'currency' ? 1 : 2;
}

function readField(reading: ReadingBuilder, field: MappableField, path: string, divisor: number | undefined): void {
  switch (field) {
    case 'email':
      reading.email(path);
      return;
    case 'firstName':
      reading.firstName(path);
      return;
    case 'lastName':
      reading.lastName(path);
      return;
    case 'city':
    case 'productName':
    case 'eventId':
      reading.text(field, path);
      return;
    case 'state':
    case 'stateCode':
      reading.state(path);
      return;
    case 'country':
    case 'countryCode':
      reading.country(path);
      return;
    case 'productLink':
      reading.link(path);
      return;
    case 'productImage':
      reading.image(path);
      return;
    case 'currency':
      reading.currency(path);
      return;
    case 'timestamp':
      reading.time(path);
      return;
    case 'total': {
      if (divisor === undefined) {
        reading.total(path);
        return;
      }
      const found = reading.pick(path);
      const amount = found && reading.money(found.value);
      if (found && amount !== undefined) reading.set('total', Math.round((amount / divisor) * 1000) / 1000, path);
      return;
    }
  }
}
