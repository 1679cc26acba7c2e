// Parses a Content-Type header and classifies it into the body formats the webhook route understands.

export interface MediaType {
  /** `type/subtype`, lower-cased: `application/json`. */
  type: string;
  /** Parameter names lower-cased, values unquoted: `charset`, `boundary`. */
  params: ReadonlyMap<string, string>;
}

/** What a Content-Type claims; `unknown` (missing, malformed, or e.g. application/octet-stream) means "sniff". */
export type DeclaredFormat = 'json' | 'form' | 'multipart' | 'text' | 'unknown';

/**
 * Lenient RFC 9110 §8.3 parser: returns undefined when there is no `type/subtype`, and skips
 * malformed parameters instead of rejecting the header (senders get `;charset=` wrong often).
 */
export function parseContentType(header: string | undefined): MediaType | undefined {
  if (header === undefined) return undefined;
  const semicolon = header.indexOf(';');
  const type = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  const slash = type.indexOf('/');
  if (slash <= 0 || slash === type.length - 1 || /[\s"]/.test(type)) return undefined;
  return { type, params: semicolon === -1 ? new Map() : parseParams(header, semicolon + 1) };
}

export function classifyMediaType(mediaType: MediaType | undefined): DeclaredFormat {
  const type = mediaType?.type;
  if (type === undefined) return 'unknown';
  // Structured syntax suffix: application/vnd.api+json, application/cloudevents+json (RFC 6839 §3.1).
  if (type === 'application/json' || type === 'text/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'multipart/form-data') return 'multipart';
  if (type.startsWith('text/')) return 'text';
  return 'unknown';
}

function parseParams(header: string, from: number): Map<string, string> {
  const params = new Map<string, string>();
  let i = from;
  while (i < header.length) {
    const eq = header.indexOf('=', i);
    if (eq === -1) break;
    const semicolon = header.indexOf(';', i);
    if (semicolon !== -1 && semicolon < eq) {
      i = semicolon + 1; // a parameter without `=`: skip it
      continue;
    }
    const name = header.slice(i, eq).trim().toLowerCase();
    let value: string;
    i = eq + 1;
    while (header[i] === ' ' || header[i] === '\t') i++;
    if (header[i] === '"') {
      // quoted-string with backslash escapes: boundary="----=_Part_0; x" must keep its `;` and `=`.
      value = '';
      i++;
      while (i < header.length && header[i] !== '"') {
        if (header[i] === '\\' && i + 1 < header.length) i++;
        value += header[i];
        i++;
      }
      const next = header.indexOf(';', i);
      i = next === -1 ? header.length : next + 1;
    } else {
      const next = header.indexOf(';', i);
      value = header.slice(i, next === -1 ? header.length : next).trim();
      i = next === -1 ? header.length : next + 1;
    }
    // The first occurrence wins, as in busboy, so both layers agree on the boundary.
    if (name !== '' && !params.has(name)) params.set(name, value);
  }
  return params;
}
