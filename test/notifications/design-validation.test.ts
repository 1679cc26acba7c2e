// Design, language and targeting settings: what the admin API refuses (in sentences), what it keeps,
// and what a widget receives in its snapshot and, live, after a save.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { contrastRatio, DEFAULT_DESIGN, MIN_CONTRAST } from '../../server/notifications/design.ts';
import { LOCALE_CODES, LOCALES } from '../../server/i18n/locales.ts';
import { type TestApp, createNotification, createTestApp } from '../support/test-app.ts';
import { connectWidget, listen, type WidgetClient, waitFor } from '../support/widget-client.ts';

let t: TestApp;
const clients: WidgetClient[] = [];
beforeEach(() => {
  t = createTestApp();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  t.realtime.close();
  await new Promise((resolve) => t.io.close(resolve));
  t.close();
});

const refusal = async (res: PromiseLike<{ status: number; body: { error: { code: string; message: string } } }>) => {
  const { status, body } = await res;
  expect([status, body.error.code]).toEqual([400, 'invalid-input']);
  return body.error.message;
};

describe('design validation', () => {
  test('the built-in light and dark colours both pass WCAG AA', () => {
    expect(contrastRatio(DEFAULT_DESIGN.text, DEFAULT_DESIGN.background)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(DEFAULT_DESIGN.darkText, DEFAULT_DESIGN.darkBackground)).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  test('text below 4.5:1 on its background is refused with a sentence naming both colours and the ratio', async () => {
    const { site, notification } = await createNotification(t);
    expect(
      await refusal(
        t.api.patch(`/api/sites/${site.id}/design`, { design: { text: '#777777', background: '#ffffff' } }),
      ),
    ).toBe(
      'The text colour #777777 on the background #ffffff has a contrast of 4.47:1; make it at least 4.5:1 so every visitor can read it.',
    );
    // The dark theme is checked too, on a notification's override over the site's design.
    expect(
      await refusal(
        t.api.patch(`/api/notifications/${notification.id}`, { display: { design: { darkText: '#444444' } } }),
      ),
    ).toBe(
      'The dark theme text colour #444444 on the dark theme background #1f2328 has a contrast of 1.62:1; make it at least 4.5:1 so every visitor can read it.',
    );
  });

  test('a site design that would make a notification override unreadable names the notification', async () => {
    const { site, notification } = await createNotification(t);
    await t.api
      .patch(`/api/sites/${site.id}/design`, { design: { text: '#ffffff', background: '#000000' } })
      .expect(200);
    await t.api
      .patch(`/api/notifications/${notification.id}`, { display: { design: { background: '#333333' } } })
      .expect(200);
    // Readable for the site alone, not under the notification's own background.
    expect(
      await refusal(
        t.api.patch(`/api/sites/${site.id}/design`, { design: { text: '#1f2328', background: '#ffffff' } }),
      ),
    ).toMatch(
      /^With the notification "Recent purchases": The text colour #1f2328 on the background #333333 has a contrast of 1\.\d\d:1/,
    );
  });

  test('malformed colours, unknown languages and unknown options are refused in words', async () => {
    const { site, notification } = await createNotification(t);
    const patch = (display: object) => t.api.patch(`/api/notifications/${notification.id}`, { display });
    expect(await refusal(patch({ design: { accent: 'red' } }))).toBe(
      'Write colours as # and six hex digits, such as #0b5cad.',
    );
    expect(await refusal(patch({ locale: 'xx' }))).toBe(
      `Choose a language the popup knows: ${LOCALE_CODES.join(', ')}.`,
    );
    expect(await refusal(t.api.patch(`/api/sites/${site.id}/design`, { locale: 'klingon' }))).toBe(
      `Choose a language the popup knows: ${LOCALE_CODES.join(', ')}.`,
    );
    expect(await refusal(patch({ templates: { xx: { message: 'bought {{product}}' } } }))).toBe(
      `There are no built-in words for the language "xx": use one of ${LOCALE_CODES.join(', ')}.`,
    );
    expect(await refusal(patch({ titleTemplate: '{{nme}} from {{city}}' }))).toMatch(
      /^The template has an unknown variable \{\{nme\}\}/,
    );
    expect(await refusal(patch({ device: 'tablet' }))).toMatch(/^The devices to show on must be one of/);
  });

  test('the site design is stored without a migration and read back with the effective values', async () => {
    const { site } = await createNotification(t);
    const saved = await t.api
      .patch(`/api/sites/${site.id}/design`, { design: { accent: '#AA0000', theme: 'auto' }, locale: 'de' })
      .expect(200);
    expect(saved.body.design).toEqual({ accent: '#aa0000', theme: 'auto' });
    const read = await t.api.get(`/api/sites/${site.id}/design`).expect(200);
    expect(read.body.effective).toMatchObject({ accent: '#aa0000', theme: 'auto', background: '#ffffff' });
    expect(read.body.effectiveLocale).toBe('de');
  });
});

describe('what widgets receive', () => {
  test('the snapshot carries the design and the words of the page language, else the site default', async () => {
    const { site, notification } = await createNotification(t);
    await t.api.patch(`/api/sites/${site.id}/design`, { design: { accent: '#aa0000' }, locale: 'fr' }).expect(200);
    await t.api
      .patch(`/api/notifications/${notification.id}`, {
        display: { device: 'desktop', productMatch: true, design: { radiusPx: 4 } },
      })
      .expect(200);
    const baseUrl = await listen(t);
    const german = connectWidget(baseUrl, { key: site.widgetKey, lang: 'de-AT' });
    const unknown = connectWidget(baseUrl, { key: site.widgetKey, lang: 'zh' });
    clients.push(german, unknown);
    const [de, other] = await Promise.all([waitFor(german, 'widget:ready'), waitFor(unknown, 'widget:ready')]);
    const shown = de.notifications[0];
    expect(shown?.text).toMatchObject({
      locale: 'de',
      dir: 'ltr',
      title: LOCALES.de.title,
      message: LOCALES.de.stream,
    });
    expect(shown?.design).toMatchObject({ accent: '#aa0000', radiusPx: 4 });
    expect(shown?.display).toMatchObject({ device: 'desktop', productMatch: true });
    expect(other.notifications[0]?.text).toMatchObject({ locale: 'fr', message: LOCALES.fr.stream });
  });

  test('a title template is sent as the title of every language, and renders the server-side title too', async () => {
    const { site, notification, hookPath } = await createNotification(t);
    await t.api
      .patch(`/api/notifications/${notification.id}`, {
        display: { titleTemplate: '{{firstName}} in {{city}} || A buyer' },
      })
      .expect(200);
    await request(t.app).post(hookPath).send({ email: 'a@example.com', firstName: 'Ana', city: 'Porto' }).expect(200);
    const baseUrl = await listen(t);
    const widget = connectWidget(baseUrl, { key: site.widgetKey, lang: 'ja' });
    clients.push(widget);
    const ready = await waitFor(widget, 'widget:ready');
    expect(ready.notifications[0]?.text?.title).toBe('{{firstName}} in {{city}} || A buyer');
    expect(ready.conversions[0]?.title).toBe('Ana in Porto');
    // null puts the built-in title back.
    await t.api.patch(`/api/notifications/${notification.id}`, { display: { titleTemplate: null } }).expect(200);
    const again = connectWidget(baseUrl, { key: site.widgetKey, lang: 'ja' });
    clients.push(again);
    expect((await waitFor(again, 'widget:ready')).notifications[0]?.text?.title).toBe(LOCALES.ja.title);
  });

  test('a saved design reaches open widgets in their own language', async () => {
    const { site } = await createNotification(t);
    const baseUrl = await listen(t);
    const arabic = connectWidget(baseUrl, { key: site.widgetKey, lang: 'ar' });
    clients.push(arabic);
    await waitFor(arabic, 'widget:ready');
    const changed = waitFor(arabic, 'config:changed');
    await t.api.patch(`/api/sites/${site.id}/design`, { design: { theme: 'dark' } }).expect(200);
    const payload = await changed;
    expect(payload.notifications[0]?.design?.theme).toBe('dark');
    expect(payload.notifications[0]?.text).toMatchObject({ locale: 'ar', dir: 'rtl', close: LOCALES.ar.close });
  });

  test('a notification added or paused is pushed as the new list of notifications', async () => {
    const { site, notification } = await createNotification(t);
    const baseUrl = await listen(t);
    const widget = connectWidget(baseUrl, { key: site.widgetKey });
    clients.push(widget);
    await waitFor(widget, 'widget:ready');
    const added = waitFor(widget, 'config:changed');
    const created = await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Signups' }).expect(201);
    expect((await added).notifications.map((n) => n.id)).toEqual([notification.id, created.body.id]);
    const paused = waitFor(widget, 'config:changed');
    await t.api.patch(`/api/notifications/${notification.id}`, { status: 'paused' }).expect(200);
    expect((await paused).notifications.map((n) => n.id)).toEqual([created.body.id]);
  });
});
