// docs/senders.md lists every sender profile with the page it was written from: this keeps the list and
// the profiles in step, so that a profile added, renamed or re-sourced cannot leave the doc behind.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ALL_SENDER_PROFILES } from '../../server/senders/all-profiles.ts';

const doc = readFileSync(new URL('../../docs/senders.md', import.meta.url), 'utf8');

/** The doc's profile entries: "- **Shopify** (`shopify`): <https://shopify.dev/…>", in the doc's order. */
const entries = [...doc.matchAll(/^- \*\*(.+?)\*\* \(`([^`]+)`\): <([^>]+)>$/gm)].map(([, name, id, docs]) => ({
  name: name as string,
  id: id as string,
  docs: docs as string,
}));

describe('docs/senders.md', () => {
  test('lists every sender profile with its name and the documentation page it was written from', () => {
    const listed = new Map(entries.map((entry) => [entry.id, entry]));
    for (const profile of ALL_SENDER_PROFILES) {
      const entry = listed.get(profile.id);
      expect(entry, `profile ${profile.id} is not listed`).toBeDefined();
      expect(entry?.docs, `source of ${profile.id}`).toBe(profile.docs);
      expect(entry?.name, `name of ${profile.id}`).toBe(profile.name);
    }
  });

  test('lists no profile that does not exist, and none twice', () => {
    const ids = new Set(ALL_SENDER_PROFILES.map((profile) => profile.id));
    for (const { id } of entries) expect(ids.has(id), `the doc lists ${id}, which is no profile`).toBe(true);
    expect(entries.length).toBe(new Set(entries.map((entry) => entry.id)).size);
  });

  test('lists the profiles in the order the profile groups do (commerce, payments, courses, forms, marketing, automation)', () => {
    expect(entries.map((entry) => entry.id)).toEqual(ALL_SENDER_PROFILES.map((profile) => profile.id));
  });

  test('every dedupe id in the text names a sender that has a profile', () => {
    const ids = ALL_SENDER_PROFILES.map((profile) => profile.id);
    // `shopify:order:<id>`, `teachable:<hook_event_id>`; PayPal's two profiles share `paypal:`, Paddle's `paddle:`.
    const names = [...doc.matchAll(/`([a-z0-9-]+):(?:<|[a-z-]+:)/g)].map(([, name]) => name as string);
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) {
      const known = ids.some((id) => id === name || id.startsWith(`${name}-`));
      expect(known, `the doc names ${name}, which has no profile`).toBe(true);
    }
  });
});
