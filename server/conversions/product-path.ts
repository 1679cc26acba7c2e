// The path a product counter counts by ("3 people bought this in the last 24 hours"): the page path a
// widget sends, checked, and the path of a conversion's product link, both without query, fragment or
// trailing slash, the way the widget's product match compares them (widget/src/targeting.ts).

/** Longer than any real product path; a widget's handshake is refused nothing, it just gets no count. */
export const MAX_PAGE_PATH_LENGTH = 512;

const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f]/;

/** Cut at the query or fragment, then drop trailing slashes: "/shoes/red/?size=9" → "/shoes/red". */
const bare = (path: string) => (path.split(/[?#]/)[0] ?? '').replace(/\/+$/, '');

/**
 * A widget's page path (its `location.pathname`), or undefined when it is not one: not a string, too
 * long, not starting with one "/", with spaces or control characters, or the home page (no product).
 */
export function productPagePath(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > MAX_PAGE_PATH_LENGTH) return undefined;
  if (!input.startsWith('/') || input.startsWith('//') || CONTROL_OR_SPACE.test(input)) return undefined;
  const path = bare(input);
  return path === '' ? undefined : path;
}

/**
 * The path of a product link as both migrations 0005 compute it in SQL: cut at the query or fragment,
 * drop "scheme://host" when there is one, drop trailing slashes. Relative links keep their path.
 */
export function productPathOfLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  const beforeQuery = link.split(/[?#]/)[0] ?? '';
  const schemeEnd = beforeQuery.indexOf('://');
  if (schemeEnd < 0) return bare(beforeQuery);
  const afterScheme = beforeQuery.slice(schemeEnd + 3);
  const slash = afterScheme.indexOf('/');
  return slash < 0 ? '' : bare(afterScheme.slice(slash));
}
