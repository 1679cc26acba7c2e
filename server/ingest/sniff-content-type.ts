// Guesses a body's format from its text, for senders whose Content-Type is missing or wrong.

/** Index of the first non-JSON-whitespace character, or -1 for a blank text. */
export function firstNonWhitespace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (!isJsonWhitespace(text.charCodeAt(i))) return i;
  }
  return -1;
}

/** Without leading and trailing JSON whitespace: a trailing newline must not end up in a form value. */
export function trimJsonWhitespace(text: string): string {
  const start = firstNonWhitespace(text);
  if (start === -1) return '';
  let end = text.length;
  while (isJsonWhitespace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Only objects and arrays: a text/plain `42` or `"ok"` stays text. */
export function looksLikeJson(text: string, start: number): boolean {
  const c = text.charCodeAt(start);
  return c === 0x7b /* { */ || c === 0x5b /* [ */;
}

/**
 * `key=value&key2=value2` as a browser or an HTTP library serializes it: no whitespace inside,
 * keys of URL-safe characters, brackets and %-escapes, at least one `=`, flag keys (`a=1&b`)
 * and empty pairs allowed. A body starting with `--` is multipart without its boundary, which
 * cannot be split into fields, so it is not a form.
 */
export function looksLikeForm(text: string, start: number): boolean {
  let end = text.length;
  while (end > start && isJsonWhitespace(text.charCodeAt(end - 1))) end--;
  if (start < 0 || start >= end || text.startsWith('--', start)) return false;
  let sawEquals = false;
  let inKey = true;
  let keyLength = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x26 /* & */) {
      inKey = true;
      keyLength = 0;
    } else if (!inKey) {
      if (c <= 0x20 || c === 0x7f) return false;
    } else if (c === 0x3d /* = */) {
      if (keyLength === 0) return false;
      inKey = false;
      sawEquals = true;
    } else if (isFormKeyChar(c)) {
      keyLength++;
    } else {
      return false;
    }
  }
  return sawEquals;
}

function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Unreserved characters, `%`, `+`, brackets and sub-delims a serializer may leave raw; any non-ASCII. */
function isFormKeyChar(c: number): boolean {
  if (c >= 0x80) return true;
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
  return "_.-~*%+[]!'()$".includes(String.fromCharCode(c));
}
