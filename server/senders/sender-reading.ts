// Builds a SenderReading from a profile's paths: each value is cleaned by the same rules detection
// uses (names, emails, countries, currencies, URLs) and its path recorded for the inspector.
import { countryName, toCountryCode } from '../normalize/countries.ts';
import { minorUnitsPerMajor, toCurrencyCode } from '../normalize/currencies.ts';
import { extractEmails, isWholeValue } from '../normalize/extract-emails.ts';
import { parseAmount } from '../normalize/parse-money.ts';
import { parseTime } from '../normalize/parse-time.ts';
import { cleanName, splitFirstNameField, splitFullName } from '../normalize/person-name.ts';
import { capText, toHttpUrl, toText } from '../normalize/text-limits.ts';
import type { FieldSources, ProductLine } from '../normalize/types.ts';
import { findUsState } from '../normalize/us-states.ts';
import { readPath } from './field-path.ts';
import type { SenderFields, SenderReading } from './sender-profile.ts';

type TextField = 'city' | 'state' | 'productName' | 'guid' | 'event' | 'eventId' | 'orderStatus' | 'ip';

export interface ItemPaths {
  /** Paths inside one item. */
  name?: string | readonly string[];
  /** Unit price; when only a line total is sent, give `lineTotal` and the quantity. */
  price?: string | readonly string[];
  lineTotal?: string | readonly string[];
  quantity?: string | readonly string[];
  link?: string | readonly string[];
  image?: string | readonly string[];
  id?: string | readonly string[];
}

export interface MoneyUnits {
  /** The sender sends integers in the currency's minor units (cents; none for JPY, mils for KWD). */
  minorUnits?: boolean;
}

const MAX_ITEMS = 100;

/** A fluent builder; every method ignores a missing or unusable value, so profiles stay declarative. */
export class ReadingBuilder {
  readonly fields: SenderFields = {};
  readonly sources: FieldSources = {};
  private decodedBody: unknown;
  private sendsNoTime = false;

  constructor(readonly body: unknown) {}

  /** The first path of `paths` that holds a value, with that value. */
  pick(paths: string | readonly string[], root: unknown = this.body): { value: unknown; path: string } | undefined {
    for (const path of typeof paths === 'string' ? [paths] : paths) {
      const value = readPath(root, path);
      if (value !== undefined && value !== null && value !== '') return { value, path };
    }
    return undefined;
  }

  text(field: TextField, paths: string | readonly string[]): this {
    const found = this.pick(paths);
    const text = found && toText(found.value);
    if (found && text) this.put(field, capText(text), found.path);
    return this;
  }

  email(paths: string | readonly string[]): this {
    const found = this.pick(paths);
    if (!found || typeof found.value !== 'string') return this;
    const [email] = extractEmails(found.value);
    if (email && isWholeValue(found.value, email)) this.put('email', email, found.path);
    return this;
  }

  firstName(paths: string | readonly string[]): this {
    return this.name('firstName', paths);
  }

  lastName(paths: string | readonly string[]): this {
    return this.name('lastName', paths);
  }

  /** One field holding the whole name ("Sofía Ramírez"): split, so only its parts are kept. */
  fullName(paths: string | readonly string[]): this {
    const found = this.pick(paths);
    const text = found && toText(found.value);
    if (!found || !text) return this;
    const parts = splitFullName(text);
    const first = parts.first && cleanName(parts.first);
    const last = parts.last && cleanName(parts.last, true);
    if (first && this.fields.firstName === undefined) this.put('firstName', first, found.path);
    if (last && this.fields.lastName === undefined) this.put('lastName', last, found.path);
    return this;
  }

  /** A country as an ISO code or a name; fills both code and name. */
  country(paths: string | readonly string[]): this {
    const found = this.pick(paths);
    const code = found && toCountryCode(found.value);
    if (!found || !code) return this;
    this.put('countryCode', code, found.path);
    const name = countryName(code);
    if (name) this.put('country', name, found.path);
    return this;
  }

  /** A state or province: a code (`FL`, `CA`) or a name. US names and codes are both filled. */
  state(paths: string | readonly string[]): this {
    const found = this.pick(paths);
    const text = found && toText(found.value);
    if (!found || !text) return this;
    const us =
      this.fields.countryCode === undefined || this.fields.countryCode === 'US' ? findUsState(text) : undefined;
    if (us) {
      this.put('stateCode', us.code, found.path);
      this.put('state', us.name, found.path);
    } else if (/^[A-Z0-9]{1,3}$/.test(text.trim())) this.put('stateCode', text.trim(), found.path);
    else this.put('state', capText(text), found.path);
    return this;
  }

  currency(paths: string | readonly string[]): this {
    const found = this.pick(paths);
    const code = found && toCurrencyCode(found.value);
    if (found && code) this.put('currency', code, found.path);
    return this;
  }

  /** The order total, in major units (call `currency` first when `minorUnits`). */
  total(paths: string | readonly string[], units: MoneyUnits = {}): this {
    const found = this.pick(paths);
    const amount = found && this.money(found.value, units);
    if (found && amount !== undefined) this.put('total', amount, found.path);
    return this;
  }

  /** The sender's own event time: ISO 8601, RFC 2822, PayPal's, epoch seconds or milliseconds. */
  time(paths: string | readonly string[]): this {
    const found = this.pick(paths);
    const ms = found && parseTime(found.value);
    if (found && ms !== undefined) this.put('timestamp', ms, found.path);
    return this;
  }

  link(paths: string | readonly string[]): this {
    return this.url('productLink', paths);
  }

  image(paths: string | readonly string[]): this {
    return this.url('productImage', paths);
  }

  /**
   * Line items: every item as a ProductLine, the most expensive (by unit price) as the product.
   * `list` may name several arrays (PayPal's purchase units); their items are read in order.
   */
  items(list: string | readonly string[], paths: ItemPaths, units: MoneyUnits = {}): this {
    const lists = (typeof list === 'string' ? [list] : list)
      .map((path) => ({ path, value: readPath(this.body, path) }))
      .filter((entry): entry is { path: string; value: unknown[] } => Array.isArray(entry.value));
    const lines: { line: ProductLine; path: string }[] = [];
    for (const { path, value } of lists) {
      value.slice(0, MAX_ITEMS - lines.length).forEach((item, index) => {
        const line = this.readItem(item, paths, units);
        if (line) lines.push({ line, path: `${path}[${index}]` });
      });
    }
    if (lines.length === 0) return this;
    let main = 0;
    lines.forEach(({ line }, i) => {
      const best = lines[main]?.line.price;
      if (line.price !== undefined && (best === undefined || line.price > best)) main = i;
    });
    const chosen = lines[main] as { line: ProductLine; path: string };
    this.put(
      'products',
      lines.map(({ line }) => line),
      lists[0]?.path ?? '',
    );
    this.put('moreProducts', lines.length - 1, lists[0]?.path ?? '');
    if (chosen.line.name) this.put('productName', chosen.line.name, `${chosen.path}`);
    if (chosen.line.link) this.put('productLink', chosen.line.link, chosen.path);
    if (chosen.line.image) this.put('productImage', chosen.line.image, chosen.path);
    return this;
  }

  /** A payment that must not be shown (refund, pending, test): the reason says why. */
  notShown(reason: string, source = ''): this {
    this.put('notShownReason', reason, source);
    return this;
  }

  /** A value computed by the profile, with the path (or `header:<name>`) it came from. */
  set<K extends keyof SenderFields>(field: K, value: SenderFields[K] | undefined, source: string): this {
    if (value !== undefined) this.put(field, value, source);
    return this;
  }

  /** Detection reads this instead of the request body (a decoded JWT, a JSON string field). */
  detectIn(body: unknown): this {
    this.decodedBody = body;
    return this;
  }

  /** The sender sends no event time: keep the receipt time rather than any date found in the body. */
  noTime(): this {
    this.sendsNoTime = true;
    return this;
  }

  done(): SenderReading {
    this.splitWholeNameInFirstName();
    const reading: SenderReading = { fields: this.fields, sources: this.sources };
    if (this.decodedBody !== undefined) reading.body = this.decodedBody;
    if (this.sendsNoTime) reading.noTime = true;
    return reading;
  }

  /**
   * A first-name field holding "Jane Doe" with no last name anywhere: the whole name was typed into
   * one box, so it is split, and the last name never passes for a first name. Done at the end so
   * the profile's own last-name path, read after the first name, is taken into account.
   */
  private splitWholeNameInFirstName(): void {
    const first = this.fields.firstName;
    if (first === undefined || !/\s/.test(first)) return;
    const parts = splitFirstNameField(first, this.fields.lastName);
    const source = this.sources.firstName ?? '';
    const cleanFirst = parts.first && cleanName(parts.first);
    if (cleanFirst) this.put('firstName', cleanFirst, source);
    else delete this.fields.firstName;
    const last = parts.last && cleanName(parts.last, true);
    if (last && this.fields.lastName === undefined) this.put('lastName', last, source);
  }

  /** Amount in major units; integer minor units converted by the currency's exponent. */
  money(value: unknown, units: MoneyUnits = {}): number | undefined {
    const amount = parseAmount(value);
    if (!amount) return undefined;
    if (!units.minorUnits) return amount.amount;
    const currency = this.fields.currency ?? (amount.currency === '$' ? undefined : amount.currency);
    return Math.round((amount.amount / minorUnitsPerMajor(currency)) * 1000) / 1000;
  }

  private name(field: 'firstName' | 'lastName', paths: string | readonly string[]): this {
    const found = this.pick(paths);
    const text = found && toText(found.value);
    const name = text && cleanName(text, field === 'lastName');
    if (found && name) this.put(field, name, found.path);
    return this;
  }

  private url(field: 'productLink' | 'productImage', paths: string | readonly string[]): this {
    const found = this.pick(paths);
    const url = found && toHttpUrl(found.value);
    if (found && url) this.put(field, url, found.path);
    return this;
  }

  private readItem(item: unknown, paths: ItemPaths, units: MoneyUnits): ProductLine | undefined {
    if (item === null || typeof item !== 'object') return undefined;
    const line: ProductLine = {};
    const name = paths.name && toText(this.pick(paths.name, item)?.value);
    if (name) line.name = capText(name);
    const id = paths.id && toText(this.pick(paths.id, item)?.value);
    if (id) line.id = capText(id);
    const link = paths.link && toHttpUrl(this.pick(paths.link, item)?.value);
    if (link) line.link = link;
    const image = paths.image && toHttpUrl(this.pick(paths.image, item)?.value);
    if (image) line.image = image;
    const quantityValue = paths.quantity ? parseAmount(this.pick(paths.quantity, item)?.value)?.amount : undefined;
    const quantity = quantityValue !== undefined && quantityValue > 0 ? quantityValue : undefined;
    if (quantity !== undefined) line.quantity = quantity;
    const unit = paths.price ? this.money(this.pick(paths.price, item)?.value, units) : undefined;
    const lineTotal = paths.lineTotal ? this.money(this.pick(paths.lineTotal, item)?.value, units) : undefined;
    const price = unit ?? (lineTotal === undefined ? undefined : lineTotal / (quantity ?? 1));
    if (price !== undefined) line.price = Math.round(price * 1000) / 1000;
    return line.name || line.id ? line : undefined;
  }

  private put<K extends keyof SenderFields>(field: K, value: SenderFields[K], source: string): void {
    // Statuses are compared in lower case everywhere ("PAID", "Paid" and "paid" are one status).
    this.fields[field] = (
      field === 'orderStatus' && typeof value === 'string' ? value.toLowerCase() : value
    ) as SenderFields[K];
    this.sources[field] = source;
  }
}

/** Starts a reading of `body` (the parsed request body, or what a profile decoded from it). */
export function readingOf(body: unknown): ReadingBuilder {
  return new ReadingBuilder(body);
}
