// Output caps and the URL filter: every string that leaves the normalizer is bounded and safe to render.

const MAX_TEXT_CHARS = 256;
const MAX_URL_CHARS = 2048;
export const MAX_NAME_CHARS = 64;

/** Trims and cuts to `max` UTF-16 units without splitting a surrogate pair. */
export function capText(value: string, max: number = MAX_TEXT_CHARS): string {
  const trimmed = value.trim();
  if (trimmed.length <= max) return trimmed;
  let cut = trimmed.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.trimEnd();
}

/** A non-empty display text from a string or a finite number (ids are often numbers). */
export function toText(value: unknown, max: number = MAX_TEXT_CHARS): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = capText(value, max);
  return text === '' ? undefined : text;
}

/**
 * Only absolute http(s) URLs: the widget puts these in `href`/`src`, so `javascript:` and
 * `data:` must never pass. Protocol-relative URLs (Shopify CDN images) are read as https.
 */
export function toHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url = value.trim();
  if (url.startsWith('//')) url = `https:${url}`;
  if (url.length > MAX_URL_CHARS || !/^https?:\/\/[^/\s]/i.test(url) || hasControlOrSpace(url)) return undefined;
  // The scheme is http(s) by the test above, so parsing is all that is left to check; canParse
  // skips building a URL object (this runs for every link and image candidate).
  return URL.canParse(url) ? url : undefined;
}

/** `/[\p{Cc}\s]/u.test(text)` as a loop over UTF-16 units. */
export function hasControlOrSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // C0 controls and space; DEL, C1 controls and no-break space.
    if (code <= 0x20 || (code >= 0x7f && code <= 0xa0)) return true;
    if (code >= 0x1680 && isWideSpace(code)) return true;
  }
  return false;
}

/** The rest of JavaScript's `\s`: Unicode space separators, line/paragraph separators and the BOM. */
function isWideSpace(code: number): boolean {
  return (
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
