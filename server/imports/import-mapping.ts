// Which column feeds which field. Detection decides by default, row by row, as for a webhook; the
// notification's field map applies as it does to webhooks; an import's own mapping (column names,
// for this file only) is laid over both, field by field.
import type { ImportMapping, MappedField } from '../../shared/imports.ts';
import { HttpError } from '../errors.ts';
import type { FieldSources } from '../normalize/types.ts';
import { type FieldMap, type MappableField, MAPPABLE_FIELDS, isMappableField } from '../senders/field-map.ts';
import { formatPath, parsePath } from '../senders/field-path.ts';

export type { ImportMapping, MappedField };

const invalid = (message: string) => new HttpError(400, 'invalid-input', message);

/** The `map` query parameter: a JSON object of field → column name (or null). */
export function parseImportMapping(text: unknown): ImportMapping {
  if (text === undefined || text === '') return {};
  let value: unknown;
  try {
    value = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    throw invalid('map: not JSON (send {"field": "Column name"}, URL-encoded)');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid('map: must be an object of field → column name');
  }
  const mapping: ImportMapping = {};
  for (const [field, column] of Object.entries(value)) {
    if (!isMappableField(field)) {
      throw invalid(`map.${field}: not a field that can be mapped (one of ${MAPPABLE_FIELDS.join(', ')})`);
    }
    if (column !== null && typeof column !== 'string') throw invalid(`map.${field}: must be a column name or null`);
    mapping[field] = column;
  }
  return mapping;
}

/** Refuses a mapping that names a column the file does not have (a typo would silently do nothing). */
export function assertColumnsExist(mapping: ImportMapping, columns: readonly string[]): void {
  for (const [field, column] of Object.entries(mapping)) {
    if (typeof column === 'string' && !columns.includes(column)) {
      throw invalid(`map.${field}: the file has no column ${JSON.stringify(column)}`);
    }
  }
}

/** The field map rows are read with: the notification's, with this file's mapping over it. */
export function effectiveFieldMap(notificationMap: FieldMap | null, mapping: ImportMapping): FieldMap | null {
  const merged: Record<string, string> = { ...notificationMap };
  for (const [field, column] of Object.entries(mapping)) {
    if (column === null || column === undefined) delete merged[field];
    else merged[field] = formatPath([column]);
  }
  return Object.keys(merged).length > 0 ? (merged as FieldMap) : null;
}

/** The column a field source points into: `["Order Date"]` → `Order Date`; geo-IP and such → undefined. */
export function columnOfSource(source: string): string | undefined {
  if (source.startsWith('geo:')) return undefined;
  const path = source.split('>')[0]?.replace(/\/\d+$/, '') ?? '';
  const first = parsePath(path)?.[0];
  return first === undefined ? undefined : String(first);
}

/** Per field, the column most of the sample rows read it from, and who chose it. */
export function describeMapping(
  sampleSources: readonly FieldSources[],
  mapping: ImportMapping,
  notificationMap: FieldMap | null,
): Partial<Record<MappableField, MappedField>> {
  const described: Partial<Record<MappableField, MappedField>> = {};
  for (const field of MAPPABLE_FIELDS) {
    const votes = new Map<string, number>();
    for (const sources of sampleSources) {
      const source = sources[field];
      const column = source === undefined ? undefined : columnOfSource(source);
      if (column !== undefined) votes.set(column, (votes.get(column) ?? 0) + 1);
    }
    const mapped = mapping[field];
    const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const column = typeof mapped === 'string' ? mapped : best;
    if (column === undefined) continue;
    const by =
      typeof mapped === 'string'
        ? 'import'
        : mapped !== null && notificationMap?.[field] !== undefined && columnOfSource(notificationMap[field]) === column
          ? 'notification'
          : 'detected';
    described[field] = { column, by };
  }
  return described;
}
