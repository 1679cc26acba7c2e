// How a delivery reads in the inspector: the body pretty-printed, the detected fields in a fixed
// order with where each was found, and values as plain strings (rendered as text, never HTML).
import { CONVERSION_FIELDS } from '../../shared/conversion-fields.ts';
import type { NormalizedConversion } from '../../shared/conversion.ts';
import type { Delivery, ProductLine } from './types.ts';

/** The stored fields in their usual order, then what only a reading has, the time and why it was not shown. */
export const FIELD_ORDER: readonly string[] = [
  ...CONVERSION_FIELDS,
  'eventId',
  'event',
  'orderStatus',
  'timestamp',
  'notShownReason',
] satisfies readonly (keyof NormalizedConversion)[];

export interface DetectedField {
  name: string;
  value: string;
  source: string | undefined;
}

function productText(p: ProductLine): string {
  const price = p.price === undefined ? '' : ` ${p.price}`;
  const quantity = p.quantity === undefined || p.quantity === 1 ? '' : ` × ${p.quantity}`;
  return `${p.name ?? '(no name)'}${price}${quantity}`;
}

function valueText(name: string, value: unknown): string {
  if (name === 'timestamp' && typeof value === 'number') return `${new Date(value).toISOString()} (${value})`;
  if (name === 'products' && Array.isArray(value)) return value.map((p) => productText(p as ProductLine)).join('; ');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function detectedFields(delivery: Delivery): DetectedField[] {
  // Read by name: a newer server may send fields this page does not know yet; they come last.
  const normalized: Readonly<Record<string, unknown>> = { ...delivery.normalized };
  const sources: Record<string, string | undefined> = delivery.fieldSources ?? {};
  const names = [...FIELD_ORDER, ...Object.keys(normalized).filter((name) => !FIELD_ORDER.includes(name))];
  const fields: DetectedField[] = [];
  for (const name of names) {
    const value = normalized[name];
    if (value === undefined || value === null || value === '') continue;
    if (name === 'products' && Array.isArray(value) && value.length === 0) continue;
    if ((name === 'moreProducts' && value === 0) || (name === 'nameDerived' && value === false)) continue;
    fields.push({ name, value: valueText(name, value), source: sources[name] });
  }
  return fields;
}

/** A query string decoded, one `key = value` per line. */
export function prettyQuery(query: string): string {
  try {
    return [...new URLSearchParams(query)].map(([key, value]) => `${key} = ${value}`).join('\n');
  } catch {
    return query;
  }
}

/** JSON indented, form bodies one `key = value` per line, anything else as it came. */
export function prettyBody(delivery: Delivery): string {
  const text = delivery.bodyText;
  if (text === '') return '';
  if (delivery.bodyFormat === 'json') {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }
  if (delivery.bodyFormat === 'form') {
    return [...new URLSearchParams(text)].map(([key, value]) => `${key} = ${value}`).join('\n');
  }
  return text;
}
