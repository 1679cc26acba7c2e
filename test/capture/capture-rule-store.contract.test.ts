// Storage contract for capture rules: the same answers from the embedded SQLite and PostgreSQL (the
// rules live in each backend's settings table), including across two processes' storages.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createCaptureRuleStore } from '../../server/capture/capture-rule.store.ts';
import { skipWithoutPostgres } from '../support/postgres.ts';
import { type StorageBackend, type StorageUnderTest, makePostgres, makeSqlite } from '../storage/storage-backends.ts';

const postgresSkipped = skipWithoutPostgres('capture rule storage contract, postgres half');

describe.each([
  ['sqlite', makeSqlite],
  ['postgres', makePostgres],
])('%s', (name, make) => {
  describe.skipIf(name === 'postgres' && postgresSkipped)('capture rule storage contract', () => {
    let backend: StorageBackend | undefined;
    let t: StorageUnderTest;
    const store = () => createCaptureRuleStore(t.storage.settings, t.clock);

    beforeAll(async () => {
      backend = await make();
    });
    afterAll(async () => {
      await backend?.close();
    });
    beforeEach(async () => {
      t = await (backend as StorageBackend).fresh();
    });

    test('rules are created with ids of their own site, read back, changed and removed', async () => {
      const rules = store();
      const first = await rules.create(1, { path: '/signup*', selector: 'form#signup', notificationId: 5 });
      expect(first).toEqual({
        id: 1,
        siteId: 1,
        path: '/signup*',
        selector: 'form#signup',
        notificationId: 5,
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      });
      const otherSite = await rules.create(2, { path: '*', selector: 'form', notificationId: 9 });
      expect(otherSite?.id).toBe(1);
      t.clock.advance(1000);
      const changed = await rules.update(1, 1, { selector: '.join form' });
      expect(changed).toEqual({ ...first, selector: '.join form', updatedAt: t.clock.now() });
      expect(await rules.find(1, 1)).toEqual(changed);
      expect(await rules.list(2)).toEqual([otherSite]);
      expect(await rules.update(1, 7, { path: '/x' })).toBeUndefined();
      expect(await rules.remove(1, 1)).toBe(true);
      expect(await rules.remove(1, 1)).toBe(false);
      expect(await rules.list(1)).toEqual([]);
      // Ids are never reused: an old widget's rule id cannot reach a newer rule.
      expect((await rules.create(1, { path: '/a', selector: 'form', notificationId: 5 }))?.id).toBe(2);
    });

    test('a site holds at most 20 rules, also when they are created at once', async () => {
      const rules = store();
      const made = await Promise.all(
        Array.from({ length: 25 }, (_, i) => rules.create(3, { path: `/p${i}`, selector: 'form', notificationId: 1 })),
      );
      expect(made.filter(Boolean)).toHaveLength(20);
      expect(await rules.list(3)).toHaveLength(20);
    });

    test('what one process stores, another reads', async () => {
      await store().create(4, { path: '/signup', selector: 'form', notificationId: 2 });
      const elsewhere = createCaptureRuleStore(t.other.settings, t.clock);
      expect((await elsewhere.list(4)).map((rule) => rule.path)).toEqual(['/signup']);
    });
  });
});
