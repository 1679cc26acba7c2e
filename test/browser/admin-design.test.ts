// The admin's Design card and a notification's "Language, devices and design" fields, in Chromium:
// the contrast ratio shows while colours are picked, an unreadable design is refused in a sentence,
// and a saved design reaches a customer's open page without a reload.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { ADMIN_TOKEN } from '../support/test-app.ts';
import { card, createLookSite, openPage, shopPage } from './widget-look-pages.ts';
import { buyer } from './widget-pages.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

describe.skipIf(unavailable)('admin design settings in Chromium', () => {
  const { app, shop } = useBrowserSuite({ publicUrl: '' });

  async function adminPage(path: string, beforeOpening?: (page: Page) => Promise<unknown>) {
    const page = await openPage(app, `${app.baseUrl}/admin`);
    await page.getByLabel('Admin token or password').fill(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    await beforeOpening?.(page);
    await page.goto(`${app.baseUrl}${path}`);
    return page;
  }

  test('the Design card shows its fields only once the stored design is in them', async () => {
    const site = await createLookSite(app);
    await app.t.api.patch(`/api/sites/${site.siteId}/design`, { design: { text: '#222222' } }).expect(200);
    // The stored design is held back until the test lets it go: a slow server, for as long as needed.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const admin = await adminPage(`/admin/sites/${site.siteId}`, (page) =>
      page.route(`**/api/sites/${site.siteId}/design`, async (route) => {
        if (route.request().method() === 'GET') await released;
        await route.continue();
      }),
    );
    await admin.getByRole('heading', { name: 'Design' }).waitFor();
    // Nothing to type into yet (typing now would be overwritten when the design arrives), and it says so.
    expect(await admin.locator('#site-design-text').count()).toBe(0);
    await admin.getByRole('region', { name: 'Design' }).getByText('Loading…').waitFor();
    release();
    await expect.poll(() => admin.locator('#site-design-text').inputValue()).toBe('#222222');
  });

  test('the Design card refuses unreadable text in a sentence and restyles an open page once saved', async () => {
    const site = await createLookSite(app);
    shop.pages['/'] = shopPage(app.baseUrl, site.widgetKey, { lang: 'en' });
    await site.post(buyer('Maria', 'Garcia'));
    const customer = await openPage(app, `${shop.url}/`);
    await card(customer).waitFor({ state: 'visible' });

    const admin = await adminPage(`/admin/sites/${site.siteId}`);
    await admin.getByRole('heading', { name: 'Design' }).waitFor();
    await admin.locator('#site-design-text').fill('#777777');
    await admin.getByText('Text on the background: 4.47:1 (below 4.5:1: it cannot be saved)').waitFor();
    await admin.getByRole('button', { name: 'Save design' }).click();
    await admin
      .getByRole('alert')
      .getByText(
        'The text colour #777777 on the background #ffffff has a contrast of 4.47:1; make it at least 4.5:1 so every visitor can read it.',
      )
      .waitFor();

    await admin.locator('#site-design-text').fill('#ffffff');
    await admin.locator('#site-design-background').fill('#1f3a5f');
    await admin.getByLabel('Default language').selectOption('de');
    await admin.getByRole('button', { name: 'Save design' }).click();
    await admin.getByText('Design saved: open pages show it now').waitFor();
    await saveScreenshot(admin, 'admin-design-card');

    await customer.bringToFront();
    await customer.waitForFunction(() => {
      const shown = document.querySelector('proofhook-widget')?.shadowRoot?.querySelector('.card');
      return shown && getComputedStyle(shown).backgroundColor === 'rgb(31, 58, 95)';
    });
    const stored = await app.t.api.get(`/api/sites/${site.siteId}/design`).expect(200);
    expect(stored.body).toMatchObject({ design: { text: '#ffffff', background: '#1f3a5f' }, locale: 'de' });
  });

  test("a notification's settings save its devices, product match, title and its own design", async () => {
    const site = await createLookSite(app);
    const admin = await adminPage(`/admin/notifications/${site.notificationId}/settings`);
    await admin.locator('#rule-device').selectOption('desktop');
    await admin.getByLabel("On a product page, show only that product's conversions", { exact: false }).check();
    await admin.getByLabel('Title template').fill('{{name}} · {{location}} || Someone');
    await admin.getByLabel('Its own design', { exact: false }).check();
    await admin.locator('#notification-design-theme').selectOption('auto');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('Saved', { exact: true }).waitFor();
    const stored = await app.t.api.get(`/api/notifications/${site.notificationId}`).expect(200);
    expect(stored.body.display).toMatchObject({
      device: 'desktop',
      productMatch: true,
      titleTemplate: '{{name}} · {{location}} || Someone',
      design: { theme: 'auto' },
    });
  });
});
