// Fixing what detection reads, in Debian's Chromium: in the inspector, "change" on a detected field
// opens a picker of the body's fields with their values; saving stores a field map, and replaying
// the delivery re-reads it in place, showing the new value and what changed.
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { browserUnavailableReason, saveScreenshot } from '../support/browser.ts';
import { useBrowserSuite } from './browser-suite.ts';
import { ADMIN_TOKEN, type TestApp, createNotification } from '../support/test-app.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`Skipping browser tests: ${unavailable}`);

/** Cents in a field detection takes for major units, and a SKU where the title is elsewhere. */
const ORDER = {
  email: 'sofia.ramirez@example.com',
  first_name: 'Sofía',
  product: 'SKU-1',
  sku_title: 'Trail Runner GTX',
  amount: 12950,
  currency: 'EUR',
};

describe.skipIf(unavailable)('field map in the inspector, in Chromium', () => {
  const { app } = useBrowserSuite({ publicUrl: '' });
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, baseUrl, browser } = app);
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });

  test('change a field to a body field, save, replay: the new value and the change list show', async () => {
    const { notification, hookPath } = await createNotification(t);
    const posted = await fetch(`${baseUrl}${hookPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ORDER),
    });
    expect(await posted.json()).toEqual({ ok: true, status: 'accepted' });
    const [delivery] = (await t.api.get(`/api/notifications/${notification.id}/deliveries`)).body.deliveries;
    const conversionId = delivery.conversionId as number;

    await page.goto(`${baseUrl}/admin`);
    await page.getByLabel('Admin token or password').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    await page.goto(`${baseUrl}/admin/notifications/${notification.id}/inspector/${delivery.id}`);
    await page.getByRole('heading', { name: `Delivery #${delivery.id}` }).waitFor();
    await page.getByText('Read by detection: no sender profile recognised this request.').waitFor();

    const fields = page.getByRole('table', { name: 'Detected fields and where each was found' });
    await fields.getByRole('row', { name: /^total 12950/ }).waitFor();

    // Esc closes the picker, and focus goes back to the button that opened it.
    const changeEmail = page.getByRole('button', { name: 'Change where email is read from' });
    await changeEmail.click();
    const emailPicker = page.getByRole('dialog', { name: 'Where is email in this body?' });
    await emailPicker.waitFor();
    await page.keyboard.press('Escape');
    await emailPicker.waitFor({ state: 'detached' });
    await expect(changeEmail.evaluate((button) => button === document.activeElement)).resolves.toBe(true);

    // Total: the picker lists the body's fields with their values; pick `amount`, in cents.
    await page.getByRole('button', { name: 'Change where total is read from' }).click();
    const picker = page.getByRole('dialog', { name: 'Where is total in this body?' });
    await picker.getByRole('radio', { name: 'sku_title Trail Runner GTX' }).waitFor();
    await picker.getByRole('radio', { name: 'amount 12950' }).check();
    await picker.getByLabel('Units').selectOption('100');
    await saveScreenshot(page, 'field-map-picker');
    await picker.getByRole('button', { name: 'Save mapping' }).click();
    await picker.getByText('Saved: total ← amount/100 for every delivery from now on.').waitFor();
    const stored = await t.api.get(`/api/notifications/${notification.id}`);
    expect(stored.body.fieldMap).toEqual({ total: 'amount/100' });

    // Replay from the picker: the same delivery, read again, with the changes listed.
    await picker.getByRole('button', { name: 'Replay this delivery' }).click();
    await picker.waitFor({ state: 'detached' });
    const totalRow = fields.getByRole('row', { name: /^total 129\.5/ });
    await totalRow.waitFor();
    await expect(totalRow.textContent()).resolves.toContain('amount/100');
    await expect(totalRow.textContent()).resolves.toContain('your mapping');
    const changes = page.getByRole('region', { name: 'What the replay changed' });
    await expect(changes.getByRole('listitem').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^total: 12950\s*→\s*became\s*129\.5$/),
    ]);
    await page.getByText('Replayed: accepted · 1 changed').waitFor();
    await saveScreenshot(page, 'field-map-replayed');

    // In place: one delivery, one conversion, the same id, with the new total.
    const conversions = (await t.api.get(`/api/notifications/${notification.id}/conversions`)).body.conversions;
    expect(conversions).toMatchObject([{ id: conversionId, total: 129.5 }]);
    expect(problems).toEqual([]);
  });
});
