// The fields a site owner may map to a path of their own (the server's MAPPABLE_FIELDS), and how an
// entry is written: a path into the parsed body, with `/100` or `/1000` for minor units on total.

export { MAPPABLE_FIELDS, type MappableField } from '../../shared/field-map.ts';
import { MAPPABLE_FIELDS, type MappableField } from '../../shared/field-map.ts';

export const MINOR_UNIT_FIELDS: ReadonlySet<string> = new Set(['total']);

export function isMappable(field: string): field is MappableField {
  return (MAPPABLE_FIELDS as readonly string[]).includes(field);
}

/** `amount/100` → { path: 'amount', divisor: '100' }. */
export function splitEntry(entry: string | undefined): { path: string; divisor: '' | '100' | '1000' } {
  const match = entry ? /^(.*)\/(100|1000)$/.exec(entry) : null;
  if (match) return { path: match[1] as string, divisor: match[2] as '100' | '1000' };
  return { path: entry ?? '', divisor: '' };
}
