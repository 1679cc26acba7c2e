// Dotted paths into a parsed body (`data.buyer.mail`, `items[0].name`, `fields["First Name"]`):
// the notation the inspector shows in field sources, read back by sender profiles and field maps.

export type PathSegment = string | number;

const SEGMENT = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?(\d+)(?=\.|\[|$)/y;
export const MAX_PATH_CHARS = 256;
const DIGITS = /^\d+$/;

/** Segments of a path, or undefined when it is not one (empty, too long, stray characters). */
export function parsePath(path: string): PathSegment[] | undefined {
  if (path === '' || path.length > MAX_PATH_CHARS) return undefined;
  const segments: PathSegment[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < path.length) {
    const start = SEGMENT.lastIndex;
    const match = SEGMENT.exec(path);
    if (!match || match.index !== start) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(JSON.parse(`"${match[3]}"`) as string);
    else if (match[4] !== undefined) segments.push(match[4]);
  }
  return segments;
}

/** The value at the segments, or undefined. Own properties only: `constructor` is data, not the prototype's. */
export function readSegments(root: unknown, segments: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    if (Array.isArray(value)) {
      const index = typeof segment === 'number' ? segment : DIGITS.test(segment) ? Number(segment) : -1;
      value = index >= 0 && index < value.length ? value[index] : undefined;
    } else {
      const key = String(segment);
      value = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    }
  }
  return value;
}

/**
 * Profiles read the same few hundred literal paths on every webhook, and parsing one costs more than
 * reading it: parsed paths are kept, per process. Field-map paths are admin input, so the cache is
 * bounded and simply starts over when full.
 */
const parsedPaths = new Map<string, readonly PathSegment[] | null>();
const MAX_CACHED_PATHS = 4096;

/** The value at a path, or undefined (also for a path that does not parse). */
export function readPath(root: unknown, path: string): unknown {
  let segments = parsedPaths.get(path);
  if (segments === undefined) {
    if (parsedPaths.size >= MAX_CACHED_PATHS) parsedPaths.clear();
    segments = parsePath(path) ?? null;
    parsedPaths.set(path, segments);
  }
  return segments === null ? undefined : readSegments(root, segments);
}

/** Joins segments back into the canonical notation: `a.b[0]["x y"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}
