// After a Redis outage the publisher sends again what its widgets on other processes missed: for a
// product counter, the count of each product that sold meanwhile, once per product.
import pino from 'pino';
import { expect, test } from 'vitest';
import type { Conversion } from '../../server/conversions/conversion.types.ts';
import type { Notification } from '../../server/notifications/notification.types.ts';
import { createConversionPublisher } from '../../server/realtime/conversion-publisher.ts';
import type { Storage } from '../../server/storage/storage.ts';

test('a replay sends each missed product its count once, not only the first product', async () => {
  const sent: string[] = [];
  const publisher = createConversionPublisher({
    storage: {} as Storage,
    clock: { now: () => 1_000 },
    logger: pino({ enabled: false }),
    pushes: { toSite: async () => {}, toPreviews: () => {} },
    keepForReplay: true,
    pushProductCounter: async (conversion) => {
      sent.push(conversion.productLink ?? '');
    },
  });
  const counter = { id: 7, siteId: 1, kind: 'conversion', status: 'active', display: { productMatch: true } };
  const order = (id: number, productLink: string) => ({ id, notificationId: 7, productLink }) as Conversion;
  const links = ['https://shop.example/sneakers', 'https://shop.example/sneakers/', 'https://shop.example/boots'];
  for (const [index, link] of links.entries()) {
    await publisher.publishConversion(order(index + 1, link), counter as Notification);
  }
  sent.length = 0;
  await publisher.replaySince(0);
  expect(sent).toEqual(['https://shop.example/sneakers', 'https://shop.example/boots']);
});
