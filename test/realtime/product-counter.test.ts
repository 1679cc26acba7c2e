// Product counters on both backends: a conversion counter with product match counts, for the page a
// widget says it is on, only the conversions whose product link has that page's path, within the
// counter's window, and pushes a new count only to that product's pages. Only the number travels.
import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { productPagePath, productPathOfLink } from '../../server/conversions/product-path.ts';
import { appBackends } from '../support/app-backends.ts';
import { type RealtimeHarness, useRealtimeApp } from '../support/realtime-harness.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';
import { collectUntil, recordFrames, waitFor } from '../support/widget-client.ts';

let t: AnyTestApp;
let baseUrl: string;
let open: RealtimeHarness['open'];

const HOUR_MS = 60 * 60 * 1000;
let buyers = 0;
/** One order of the product at `link` (none: an order without a product link). */
const buy = (hookPath: string, link?: string) =>
  request(t.app)
    .post(hookPath)
    .send({
      email: `buyer${++buyers}@example.com`,
      first_name: 'Maria',
      products: [{ name: 'Sneakers', price: 120, ...(link && { link }) }],
    })
    .expect(200);

describe.each(appBackends('product counter'))('on $name', (backend) => {
  const harness = useRealtimeApp(backend);
  beforeEach(() => {
    ({ t, baseUrl, open } = harness);
  });

  async function productCounter() {
    const created = await createNotification(t, { kind: 'conversion', name: 'Bought this' });
    await t.api
      .patch(`/api/notifications/${created.notification.id}`, { display: { productMatch: true, minimumCount: 1 } })
      .expect(200);
    return created;
  }

  test('each product page gets the count of its own product within the window, and the home page none', async () => {
    const { site, notification, hookPath } = await productCounter();
    await buy(hookPath, 'https://shop.example.com/sneakers'); // outside the 24 h window by the time pages open
    t.clock.advance(25 * HOUR_MS);
    await buy(hookPath, 'https://shop.example.com/sneakers');
    await buy(hookPath, 'https://shop.example.com/sneakers/?variant=2#reviews');
    await buy(hookPath, 'https://shop.example.com/boots');
    await buy(hookPath);

    const sneakers = await waitFor(open(baseUrl, { key: site.widgetKey, path: '/sneakers' }), 'widget:ready');
    expect(sneakers.counters).toEqual([
      {
        notificationId: notification.id,
        count: 2,
        windowMs: 24 * HOUR_MS,
        message: '2 people bought this in the last 24 hours',
        path: '/sneakers',
      },
    ]);
    const boots = await waitFor(open(baseUrl, { key: site.widgetKey, path: '/boots/' }), 'widget:ready');
    expect(boots.counters[0]).toMatchObject({ count: 1, path: '/boots' });
    const home = await waitFor(open(baseUrl, { key: site.widgetKey }), 'widget:ready');
    expect(home.counters).toEqual([{ notificationId: notification.id, count: 0, windowMs: 24 * HOUR_MS, message: '' }]);
  });

  test('a new order pushes the new count to the pages of its product only, never the order itself', async () => {
    const { site, hookPath } = await productCounter();
    await buy(hookPath, 'https://shop.example.com/sneakers');
    const sneakers = open(baseUrl, { key: site.widgetKey, path: '/sneakers' });
    const boots = open(baseUrl, { key: site.widgetKey, path: '/boots' });
    const frames = recordFrames(sneakers);
    await Promise.all([waitFor(sneakers, 'widget:ready'), waitFor(boots, 'widget:ready')]);

    const sneakersCount = waitFor(sneakers, 'counter:updated');
    await buy(hookPath, 'https://shop.example.com/sneakers?utm_source=mail');
    expect(await sneakersCount).toMatchObject({ count: 2, path: '/sneakers' });
    // Events on one socket arrive in order: the boots page's first count is the boots order's.
    const bootsCounts = collectUntil(boots, 'counter:updated', () => true);
    await buy(hookPath, 'https://shop.example.com/boots');
    expect(await bootsCounts).toEqual([expect.objectContaining({ count: 1, path: '/boots' })]);
    expect(frames.join('\n')).not.toMatch(/buyer\d|Maria|example\.com/);
  });

  test('the product wording comes in the page language', async () => {
    const { site } = await productCounter();
    const ready = await waitFor(open(baseUrl, { key: site.widgetKey, path: '/sneakers', lang: 'de' }), 'widget:ready');
    expect(ready.notifications[0]?.text?.message).toBe(
      '{{count}} Personen haben das in den letzten {{window}} gekauft',
    );
  });

  test('a path that is not a page path gets no count', async () => {
    const { site, hookPath } = await productCounter();
    await buy(hookPath, 'https://shop.example.com/sneakers');
    for (const path of ['https://shop.example.com/sneakers', '//shop.example.com/sneakers', `/${'a'.repeat(600)}`]) {
      const ready = await waitFor(open(baseUrl, { key: site.widgetKey, path }), 'widget:ready');
      expect(ready.counters[0]).toMatchObject({ count: 0, message: '' });
      expect(ready.counters[0]?.path).toBeUndefined();
    }
  });

  test('the server counts by the same product path it pushes by, for every shape of link', async () => {
    const { site, hookPath } = await productCounter();
    const links = [
      'https://shop.example.com/p/red-shoes',
      'http://shop.example.com:8080/p/red-shoes/',
      'https://shop.example.com/p/red-shoes?size=9',
      'https://shop.example.com/p/red-shoes#top',
      'https://shop.example.com/p/red-shoes//',
      'https://shop.example.com/p/red-shoes/more',
      'https://shop.example.com?p=/p/red-shoes',
    ];
    for (const link of links) await buy(hookPath, link);
    const samePath = links.filter((link) => productPathOfLink(link) === '/p/red-shoes');
    expect(samePath).toHaveLength(5);
    const ready = await waitFor(open(baseUrl, { key: site.widgetKey, path: '/p/red-shoes' }), 'widget:ready');
    expect(ready.counters[0]?.count).toBe(samePath.length);
  });
});

describe('page paths from widgets', () => {
  test('a page path is checked and compared without query, fragment or trailing slash', () => {
    expect(productPagePath('/shoes/red/')).toBe('/shoes/red');
    expect(productPagePath('/shoes/red?size=9')).toBe('/shoes/red');
    for (const bad of [undefined, 42, '', '/', 'shoes', '//evil.example/x', '/a b', '/a\nb', `/${'a'.repeat(600)}`]) {
      expect(productPagePath(bad)).toBeUndefined();
    }
  });
});
