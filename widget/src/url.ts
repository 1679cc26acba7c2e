// URL checks: which links and images a popup may use, and whether a notification may show on this page.
import type { DisplayRules } from '../../shared/protocol.ts';

/** The absolute URL when `value` is an http(s) URL, so `javascript:` and `data:` never reach an href or src. */
export function toHttpUrl(value: unknown, base: string): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** `*` matches any run of characters; everything else is literal; the whole path+query must match. */
export function matchesPattern(pattern: string, pathAndQuery: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(pathAndQuery);
}

/** Exclude wins over include; an empty include list allows every page. */
export function isPageAllowed(rules: Pick<DisplayRules, 'include' | 'exclude'>, pathAndQuery: string): boolean {
  const include = rules.include ?? [];
  if ((rules.exclude ?? []).some((pattern) => matchesPattern(pattern, pathAndQuery))) return false;
  return include.length === 0 || include.some((pattern) => matchesPattern(pattern, pathAndQuery));
}
