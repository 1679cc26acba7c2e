// Where a notification shows, in Chromium: desktop-only and mobile-only notifications judged by the
// viewport (and pointer) of the page, and product match showing only the conversions of the product
// whose page is open.
import { beforeEach, describe, expect, test } from 'vitest';
import { browserUnavailableReason } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import {
  card,
  cardsShown,
  createLookSite,
  type LookSite,
  openPage,
  recordCards,
  shopPage,
} from './widget-look-pages.ts';
import { buyer } from './widget-pages.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
/** Short cards, so a second notification's card follows quickly when the first may show. */
const QUICK = { firstDelayMs: 0, displayMs: 1000, gapMs: 0 };

describe.skipIf(unavailable)('targeting in Chromium', () => {
  const { app, shop } = useBrowserSuite();
  let site: LookSite;

  beforeEach(async () => {
    site = await createLookSite(app);
    shop.pages['/'] = shopPage(app.baseUrl, site.widgetKey, { lang: 'en' });
  });

  /**
   * A desktop-only notification that may show at once, and an everywhere one that waits 1.5 s: once the
   * everywhere card shows, the desktop-only card has either shown already or been held back.
   */
  async function desktopOnlyAndEverywhere() {
    await site.setDisplay({ ...QUICK, device: 'desktop' });
    const everywhere = await site.addNotification('Everywhere', { ...QUICK, firstDelayMs: 1500 });
    await site.post(buyer('Dana', 'Desk'));
    await site.post(buyer('Erin', 'Every'), everywhere);
  }

  test('desktop only: hidden on a 390 px viewport, shown at 1280 px', async () => {
    await desktopOnlyAndEverywhere();
    const phone = await openPage(app, `${shop.url}/`, PHONE, recordCards);
    await phone.getByText('Erin E. from Austin, US').waitFor({ state: 'visible' });
    await expect(cardsShown(phone)).resolves.toEqual(['Erin E. from Austin, US']);

    const desktop = await openPage(app, `${shop.url}/`, DESKTOP, recordCards);
    await desktop.getByText('Dana D. from Austin, US').waitFor({ state: 'visible' });
  });

  test('mobile only: shown on a 390 px viewport, never at 1280 px', async () => {
    await site.setDisplay({ ...QUICK, device: 'mobile' });
    const everywhere = await site.addNotification('Everywhere', { ...QUICK, firstDelayMs: 1500 });
    await site.post(buyer('Mo', 'Bile'));
    await site.post(buyer('Erin', 'Every'), everywhere);
    const desktop = await openPage(app, `${shop.url}/`, DESKTOP, recordCards);
    await desktop.getByText('Erin E. from Austin, US').waitFor({ state: 'visible' });
    await expect(cardsShown(desktop)).resolves.toEqual(['Erin E. from Austin, US']);
    const phone = await openPage(app, `${shop.url}/`, PHONE, recordCards);
    await phone.getByText('Mo B. from Austin, US').waitFor({ state: 'visible' });
  });

  test("product match: a product page shows only that product's conversions, live and from history", async () => {
    shop.pages['/products/sneakers'] = shopPage(app.baseUrl, site.widgetKey, { lang: 'en' });
    await site.setDisplay({ ...QUICK, productMatch: true });
    const product = (name: string, path: string) => [{ name, link: `${shop.url}${path}` }];
    await site.post({ ...buyer('Bo', 'Boots'), products: product('Boots', '/products/boots') });
    await site.post({ ...buyer('Sam', 'Sneak'), products: product('Sneakers', '/products/sneakers/') });
    await site.post({ ...buyer('Nia', 'Nolink'), products: [{ name: 'Gift card' }] });
    const page = await openPage(app, `${shop.url}/products/sneakers?color=red`, DESKTOP, recordCards);
    await page.getByText('Sam S. from Austin, US').waitFor({ state: 'visible' });
    await site.waitForWidgets();
    // Live: another product's purchase stays away, this product's shows.
    await site.post({ ...buyer('Cy', 'Cap'), products: product('Cap', '/products/cap') });
    await site.post({ ...buyer('Lee', 'Live'), products: product('Sneakers', '/products/sneakers') });
    await page.getByText('Lee L. from Austin, US').waitFor({ state: 'visible' });
    await expect(cardsShown(page)).resolves.toEqual(['Sam S. from Austin, US', 'Lee L. from Austin, US']);
    await expect(card(page).locator('a.body').getAttribute('href')).resolves.toBe(`${shop.url}/products/sneakers`);
  });
});
