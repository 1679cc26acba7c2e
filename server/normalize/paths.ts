// Building `sources` paths (notation: see walk-payload.ts). Split into a key's segment and the join so a segment can be cached per key.

const MAX_PATH_KEY_CHARS = 64;

export function childPath(parent: string, key: string): string {
  return joinSegment(parent, dottedParent(parent), pathSegment(key));
}

export function itemPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** How a key shows in a path: itself when identifier-like, else `["First Name"]`; cut at 64 characters. */
export function pathSegment(key: string): string {
  const shown = key.length > MAX_PATH_KEY_CHARS ? `${key.slice(0, MAX_PATH_KEY_CHARS)}…` : key;
  return isPlainKey(shown) ? shown : `[${JSON.stringify(shown)}]`;
}

/** What a plain segment follows: the parent and a dot, or the bare parent at the start or after `>`. Worked out once per record. */
export function dottedParent(parent: string): string {
  return parent === '' || parent.endsWith('>') ? parent : `${parent}.`;
}

/** A segment after its parent: dotted, or bracketed (`["First Name"]`) right after it. */
export function joinSegment(parent: string, dotted: string, segment: string): string {
  return segment.charCodeAt(0) === 91 ? parent + segment : dotted + segment; // [
}

/** `/^[A-Za-z_$][\w$-]*$/` as a loop. */
function isPlainKey(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36; // _ $
    if (!letter && (i === 0 || !((code >= 48 && code <= 57) || code === 45))) return false; // 0-9 -
  }
  return true;
}
