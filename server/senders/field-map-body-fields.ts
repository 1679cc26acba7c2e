// The leaves of a parsed body as (path, value) pairs, for the inspector's field-map picker: every
// path is in field-path.ts notation, so what the owner picks is exactly what the map reads back.
import { type PathSegment, formatPath } from './field-path.ts';

export interface BodyField {
  path: string;
  /** The value as text (cut at MAX_VALUE_CHARS); numbers and booleans as JSON would write them. */
  value: string;
}

/** A picker, not an export: bodies with more leaves list the first ones. */
export const MAX_BODY_FIELDS = 500;
const MAX_VALUE_CHARS = 200;
const MAX_DEPTH = 32;

/** Leaves in document order, nulls and empty strings left out; a bare string body (text, a JWT) has none. */
export function listBodyFields(body: unknown): BodyField[] {
  const fields: BodyField[] = [];
  const visit = (value: unknown, segments: PathSegment[]) => {
    if (fields.length >= MAX_BODY_FIELDS || value === undefined || value === null) return;
    if (typeof value === 'object') {
      if (segments.length >= MAX_DEPTH) return;
      const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
      for (const [key, inner] of entries) visit(inner, [...segments, key]);
      return;
    }
    if (segments.length === 0) return;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (text === undefined || text === '') return;
    const path = formatPath(segments);
    fields.push({ path, value: text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text });
  };
  visit(body, []);
  return fields;
}
