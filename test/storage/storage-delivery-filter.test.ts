// The Storage contract for the inspector's filters: SQLite and PostgreSQL find the same deliveries
// by outcome, sender and text among every stored delivery of a notification, newest first, by keyset.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { DeliveryFilter } from '../../server/deliveries/delivery.types.ts';
import { BODY_SEARCH_BYTES } from '../../server/deliveries/delivery.types.ts';
import { skipWithoutPostgres } from '../support/postgres.ts';
import { type StorageBackend, type StorageUnderTest, makePostgres, makeSqlite } from './storage-backends.ts';
import { type Target, buildConversion, buildDelivery, createTarget } from './storage-builders.ts';

const postgresSkipped = skipWithoutPostgres('storage delivery filter, postgres half');

describe.each([
  ['sqlite', makeSqlite],
  ['postgres', makePostgres],
])('%s', (name, make) => {
  describe.skipIf(name === 'postgres' && postgresSkipped)('storage delivery filter', () => {
    let backend: StorageBackend | undefined;
    let t: StorageUnderTest;
    let target: Target;
    /** Delivery ids by what they hold, oldest first. */
    let ids: Record<'ada' | 'grace' | 'ignored' | 'big' | 'accent', number>;
    const storage = () => t.storage;

    const record = async (overrides: Parameters<typeof buildDelivery>[2]) =>
      (await storage().deliveries.record(buildDelivery(target, t.clock.now(), { dedupeKey: null, ...overrides })))
        .deliveryId;
    const ascii = (text: string) => Buffer.from(text, 'utf8');

    beforeAll(async () => {
      backend = await make();
    });
    afterAll(async () => {
      await backend?.close();
    });
    beforeEach(async () => {
      t = await (backend as StorageBackend).fresh();
      target = await createTarget(storage());
      const ada = buildConversion(t.clock.now(), {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.org',
        productName: 'Analytical Engine',
        city: 'London',
        state: 'England',
        country: 'United Kingdom',
      });
      const grace = { ...buildConversion(t.clock.now(), { firstName: 'Grace', lastName: 'Hopper' }), sender: 'stripe' };
      ids = {
        ada: await record({ normalized: ada, conversion: ada, body: ascii('{"order":"A-1001"}') }),
        grace: await record({ normalized: grace, conversion: grace, body: ascii('{"type":"checkout.session"}') }),
        ignored: await record({
          outcome: 'ignored',
          reason: 'No person or product found',
          normalized: null,
          conversion: null,
          body: ascii('{"Order":"B-2002","note":"Nobody Here"}'),
        }),
        big: await record({
          outcome: 'unparsed',
          normalized: null,
          conversion: null,
          body: Buffer.concat([Buffer.alloc(BODY_SEARCH_BYTES, 0x20), ascii('far-out-needle')]),
        }),
        accent: await record({
          outcome: 'ignored',
          normalized: null,
          conversion: null,
          body: Buffer.concat([ascii('{"city":"Zürich"}'), Buffer.from([0, 0xff])]),
        }),
      };
      // Another notification's delivery never shows.
      await storage().deliveries.record(
        buildDelivery(await createTarget(storage(), 'Other'), t.clock.now(), { dedupeKey: null, reason: 'lovelace' }),
      );
    });

    const find = (filter?: DeliveryFilter, page: { limit?: number; beforeId?: number } = {}) =>
      storage()
        .deliveries.listByNotification(target.notificationId, {
          limit: page.limit ?? 10,
          beforeId: page.beforeId,
          filter,
        })
        .then((rows) => rows.map((row) => row.id));

    test('without a filter every delivery comes, newest first', async () => {
      expect(await find()).toEqual([ids.accent, ids.big, ids.ignored, ids.grace, ids.ada]);
      expect(await find({})).toEqual([ids.accent, ids.big, ids.ignored, ids.grace, ids.ada]);
    });

    test('by outcome, and by sender profile or by none', async () => {
      expect(await find({ outcome: 'accepted' })).toEqual([ids.grace, ids.ada]);
      expect(await find({ outcome: 'ignored' })).toEqual([ids.accent, ids.ignored]);
      expect(await find({ outcome: 'duplicate' })).toEqual([]);
      expect(await find({ sender: 'stripe' })).toEqual([ids.grace]);
      expect(await find({ sender: '' })).toEqual([ids.accent, ids.big, ids.ignored, ids.ada]);
      expect(await find({ sender: '', outcome: 'accepted' })).toEqual([ids.ada]);
    });

    test.each([
      ['ada lovelace', ['ada']],
      ['ada@example', ['ada']],
      ['engine', ['ada']],
      ['london', ['ada']],
      ['england', ['ada']],
      ['kingdom', ['ada']],
      ['stripe', ['grace']],
      ['no person or', ['ignored']],
      ['b-2002', ['ignored']],
      ['nobody here', ['ignored']],
      ['far-out-needle', []],
      ['zürich', ['accent']],
      ['miami', ['grace']],
    ])(
      'text %j finds the person, email, product, place, sender, reason or the body’s first part',
      async (text, names) => {
        expect(await find({ text })).toEqual(names.map((key) => ids[key as keyof typeof ids]));
      },
    );

    test('a sender named in the text is found by the ids given for it', async () => {
      expect(await find({ text: 'credit card', textSenders: ['stripe'] })).toEqual([ids.grace]);
      expect(await find({ text: 'credit card', textSenders: [] })).toEqual([]);
    });

    test('filters combine, and a filtered page goes on before an id', async () => {
      expect(await find({ text: 'order', outcome: 'accepted' })).toEqual([ids.ada]);
      // The body of `big` holds an "o" only past the part searched.
      expect(await find({ text: 'o' }, { limit: 2 })).toEqual([ids.ignored, ids.grace]);
      expect(await find({ text: 'o' }, { limit: 2, beforeId: ids.grace })).toEqual([ids.ada]);
      expect(await find({ text: 'o' }, { limit: 2, beforeId: ids.ada })).toEqual([]);
    });
  });
});
