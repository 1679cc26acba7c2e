// When the budget looks at a site: at its first stored delivery, then after each sixteenth of the
// budget has been stored; never twice at once; a failed look is tried again at the next delivery.
import pino from 'pino';
import { describe, expect, test } from 'vitest';
import { deliveryTextColumns } from '../../server/deliveries/delivery.rows.ts';
import { createDeliveryLogBudget } from '../../server/retention/delivery-log-budget.ts';
import type { Storage } from '../../server/storage/storage.ts';

function fakeStorage(totalOf: (siteId: number) => Promise<number>) {
  const looks: number[] = [];
  const trims: Array<[number, number]> = [];
  const deliveries = {
    storedBytesOfSite: (siteId: number) => {
      looks.push(siteId);
      return totalOf(siteId);
    },
    trimOldestOfSite: async (siteId: number, bytes: number) => {
      trims.push([siteId, bytes]);
      return 3;
    },
  };
  return { storage: { deliveries } as unknown as Storage, looks, trims };
}

const logger = pino({ level: 'silent' });

describe('delivery log budget', () => {
  test('counts a record by its body and the text its columns are written from', () => {
    const bare = { body: Buffer.alloc(100), headers: {}, query: null, normalized: null, fieldSources: null };
    expect(deliveryTextColumns(bare).storedBytes).toBe(102); // the body and '{}'
    const full = deliveryTextColumns({
      ...bare,
      headers: { 'content-type': 'text/plain' },
      query: 'a=1',
      normalized: { email: 'a@b.co' } as never,
      fieldSources: { email: 'email' },
    });
    expect(full.headers).toBe('{"content-type":"text/plain"}');
    expect(full.storedBytes).toBe(
      100 + full.headers.length + 3 + '{"email":"a@b.co"}'.length + '{"email":"email"}'.length,
    );
  });

  test('looks at a site first, then every sixteenth of the budget, and trims down to seven eighths', async () => {
    const fake = fakeStorage(async () => 2000);
    const budget = createDeliveryLogBudget({ storage: fake.storage, logger, budgetBytes: 1600 });
    budget.noteStored(7, 10);
    await budget.idle();
    expect(fake.looks).toEqual([7]);
    expect(fake.trims).toEqual([[7, 2000 - 1400]]);
    for (let i = 0; i < 9; i += 1) budget.noteStored(7, 10); // 90 bytes: under 100
    await budget.idle();
    expect(fake.looks).toEqual([7]);
    budget.noteStored(7, 10);
    await budget.idle();
    expect(fake.looks).toEqual([7, 7]);
  });

  test('never looks at one site twice at once, and tries again after a failure', async () => {
    let fail = true;
    let release = () => {};
    const fake = fakeStorage(
      () =>
        new Promise((resolve, reject) => {
          release = () => (fail ? reject(new Error('database away')) : resolve(10));
        }),
    );
    const budget = createDeliveryLogBudget({ storage: fake.storage, logger, budgetBytes: 1600 });
    budget.noteStored(1, 500);
    budget.noteStored(1, 500);
    expect(fake.looks).toEqual([1]);
    release();
    await budget.idle();
    fail = false;
    budget.noteStored(1, 1);
    release();
    await budget.idle();
    expect(fake.looks).toEqual([1, 1]);
    expect(fake.trims).toEqual([]);
  });
});
