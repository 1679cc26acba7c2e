// The admin page with a keyboard only, on a phone-sized screen: focus is visible and moves to each
// new page's heading, forms submit with Enter, dialogs close with Esc, nothing scrolls sideways.
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { ADMIN_TOKEN, type TestApp } from '../support/test-app.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

describe.skipIf(unavailable)('admin page by keyboard on a phone', () => {
  const { app } = useBrowserSuite({ publicUrl: '' });
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    ({ t, baseUrl, browser } = app);
  });

  const focused = (page: Page) =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return { tag: element?.tagName, id: element?.id, text: element?.textContent?.trim() ?? '' };
    });

  /** Presses Tab until the element with `id` has focus (at most 40 times), as a keyboard user would. */
  async function tabTo(page: Page, id: string) {
    for (let i = 0; i < 40; i++) {
      if ((await focused(page)).id === id) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached #${id}`);
  }

  const sideways = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  test('log in, create a site and a notification, open and cancel a dialog, all by keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin`);
    await page.getByLabel('Admin token or password').waitFor();
    expect((await focused(page)).id).toBe('secret'); // the token field has focus from the start
    await page.keyboard.type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'admin-phone-sites');

    // Logging in moved focus to the page's heading (a frame after the page rendered).
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'H1', text: 'Sites' });

    // On a fresh load the first Tab reaches the skip link; focus rings are visible.
    await page.reload();
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'A', text: 'Skip to content' });
    const ring = () =>
      page.evaluate(() => {
        const style = getComputedStyle(document.activeElement as Element);
        return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
      });
    expect(await ring()).toBe(true);

    await tabTo(page, 'site-name');
    expect(await ring()).toBe(true);
    await page.keyboard.type('Phone Shop');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Phone Shop', level: 1 }).waitFor();
    // After navigating, focus is on the new page's heading, as after a page load.
    await expect.poll(async () => (await focused(page)).tag).toBe('H1');

    await tabTo(page, 'notification-name');
    await page.keyboard.type('Phone purchases');
    await page.keyboard.press('Enter');
    await page.getByText('No deliveries yet').waitFor();
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'admin-phone-inspector');

    // Tabs are links; Enter follows them. Focus the user moves as soon as the new page is in (here
    // the moment its Delete button appears, before the next frame) stays there: the app's move to
    // the heading, a frame later, does not take it back.
    await page.getByRole('link', { name: 'Settings' }).focus();
    await page.evaluate(() => {
      const where = new Promise<string>((resolve) => {
        const observer = new MutationObserver(() => {
          const button = [...document.querySelectorAll('button')].find(
            (candidate) => candidate.textContent?.trim() === 'Delete notification',
          );
          if (!button) return;
          observer.disconnect();
          button.focus();
          const twoFrames = () =>
            requestAnimationFrame(() => resolve(document.activeElement?.textContent?.trim() ?? ''));
          requestAnimationFrame(twoFrames);
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
      (window as unknown as { focusAfterSettings: Promise<string> }).focusAfterSettings = where;
    });
    await page.keyboard.press('Enter');
    expect(
      await page.evaluate(() => (window as unknown as { focusAfterSettings: Promise<string> }).focusAfterSettings),
    ).toBe('Delete notification');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete Phone purchases?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await t.api.get('/api/notifications/1').expect(200)).body.name).toBe('Phone purchases');
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'admin-phone-settings');
    await context.close();
  });
});
