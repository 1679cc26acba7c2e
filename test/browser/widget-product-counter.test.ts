// The product counter in Chromium: one conversion counter with product match, and each product page
// shows how many people bought its own product ("3 people bought this in the last 24 hours"), in the
// page's language, while the home page shows no counter at all.
import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { browserUnavailableReason } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { cardsShown, createLookSite, type LookSite, openPage, recordCards, shopPage } from './widget-look-pages.ts';
import { buyer } from './widget-pages.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

describe.skipIf(unavailable)('product counter in Chromium', () => {
  const { app, shop } = useBrowserSuite();
  let site: LookSite;
  let counterHook: string;

  beforeEach(async () => {
    site = await createLookSite(app);
    // The site's stream popup waits 1.5 s and then stays up: once it shows, a counter that could show
    // (at once) would have, and would still be on screen.
    await site.setDisplay({ firstDelayMs: 1500 });
    await site.post(buyer('Zed', 'Zulu'));
    const created = await app.t.api
      .post(`/api/sites/${site.siteId}/notifications`, {
        name: 'Bought this',
        kind: 'conversion',
        display: { firstDelayMs: 0, displayMs: 10 * 60_000, gapMs: 0, productMatch: true, minimumCount: 2 },
      })
      .expect(201);
    counterHook = `/hooks/${created.body.ingestToken}`;
    for (const path of ['/', '/products/sneakers', '/products/boots']) {
      shop.pages[path] = shopPage(app.baseUrl, site.widgetKey, { lang: 'en' });
    }
    shop.pages['/de/products/boots'] = shopPage(app.baseUrl, site.widgetKey, { lang: 'de' });
  });

  const bought = (name: string, path: string) =>
    request(app.t.app)
      .post(counterHook)
      .send({ ...buyer(name, 'Buyer'), products: [{ name, link: `${shop.url}${path}` }] })
      .expect(200);

  test('two product pages show their own counts, and the home page none', async () => {
    for (const name of ['Ann', 'Ben', 'Cy']) await bought(name, '/products/sneakers');
    for (const name of ['Dee', 'Eve']) await bought(name, '/products/boots/');
    await bought('Fay', '/products/belt');

    const sneakers = await openPage(app, `${shop.url}/products/sneakers?color=red`, undefined, recordCards);
    await sneakers.getByText('3 people bought this in the last 24 hours').waitFor({ state: 'visible' });
    const boots = await openPage(app, `${shop.url}/products/boots`, undefined, recordCards);
    await boots.bringToFront();
    await boots.getByText('2 people bought this in the last 24 hours').waitFor({ state: 'visible' });
    await expect(cardsShown(sneakers)).resolves.toEqual(['3 people bought this in the last 24 hours']);
    await expect(cardsShown(boots)).resolves.toEqual(['2 people bought this in the last 24 hours']);

    const home = await openPage(app, `${shop.url}/`, undefined, recordCards);
    await home.bringToFront();
    await home.getByText('Zed Z. from Austin, US').waitFor({ state: 'visible' });
    await expect(cardsShown(home)).resolves.toEqual(['Zed Z. from Austin, US']);
  });

  test('a product page in German says it in German; below the minimum it shows nothing', async () => {
    for (const name of ['Ann', 'Ben']) await bought(name, '/de/products/boots');
    await bought('Cy', '/products/boots');
    const german = await openPage(app, `${shop.url}/de/products/boots`, undefined, recordCards);
    await german.getByText('2 Personen haben das in den letzten 24 Stunden gekauft').waitFor({ state: 'visible' });
    const english = await openPage(app, `${shop.url}/products/boots`, undefined, recordCards);
    await english.bringToFront();
    // One sale is below the minimum of 2: the counter has nothing to show on that page.
    await english.getByText('Zed Z. from Austin, US').waitFor({ state: 'visible' });
    await expect(cardsShown(english)).resolves.toEqual(['Zed Z. from Austin, US']);
  });
});
