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
  if (url.length > MAX_URL_CHARS || !/^https?:\/\/[^/\s]/i.test(url) || /[\p{Cc}\s]/u.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  } catch {
    return undefined;
  }
  return url;
}
