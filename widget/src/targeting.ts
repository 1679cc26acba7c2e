// Where a notification may show, beyond the page rules: on which devices, and (product match) only
// the conversions of the product this page is about.
import type { PublicConversion, PublicCounter, WidgetDisplayRules } from '../../shared/protocol.ts';

/**
 * Phones and small tablets: a viewport under 768 px, or a touch-only screen (coarse pointer, no hover)
 * under 1025 px. Read at each decision, so a rotated phone or a resized window is judged as it is now.
 */
export const MOBILE_QUERY = '(max-width: 767.98px), (pointer: coarse) and (hover: none) and (max-width: 1024.98px)';

export function deviceAllowed(rules: Pick<WidgetDisplayRules, 'device'>, isMobile: () => boolean): boolean {
  const device = rules.device ?? 'all';
  return device === 'all' || (device === 'mobile') === isMobile();
}

/** A path without a trailing slash, so /shoes/red/ and /shoes/red are the same product page. */
const pathOf = (url: string, base: string): string | undefined => {
  try {
    return new URL(url, base).pathname.replace(/\/+$/, '') || '/';
  } catch {
    return undefined;
  }
};

/** With product match on, a conversion shows only on the page its product link points at (path compared). */
export function productAllowed(
  rules: Pick<WidgetDisplayRules, 'productMatch'>,
  conversion: PublicConversion,
  pageUrl: string,
): boolean {
  if (!rules.productMatch) return true;
  const link = conversion.productLink && pathOf(conversion.productLink, pageUrl);
  return link !== undefined && link !== '' && link === pathOf(pageUrl, pageUrl);
}

/**
 * A product counter's count is for the page path the server counted it for: after an SPA navigation
 * to another page it no longer says anything true, so it hides until the next page view.
 */
export function counterAllowed(
  rules: Pick<WidgetDisplayRules, 'productMatch'>,
  counter: Pick<PublicCounter, 'path'>,
  pagePath: string,
): boolean {
  if (!rules.productMatch) return true;
  return typeof counter.path === 'string' && counter.path === pathOf(pagePath, 'http://page.invalid/');
}
