// The page pattern of a capture rule: `*` matches any run of characters, everything else is
// literal, and the whole path must match. The widget matches the same way (widget/src/url.ts).

export function matchesPathPattern(pattern: string, path: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(path);
}
