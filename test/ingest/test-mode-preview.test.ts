// Test events in the admin's Preview tab: /admin/preview/:id hands its widget (offline: no socket)
// the notification's latest test events first, marked as tests, in place of the made-up sample.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PublicConversion, WidgetReadyPayload } from '../../shared/protocol.ts';
import { type AdminLogin, adminPage, loginAdmin } from '../support/admin-session.ts';
import { type TestApp, createNotification, createTestApp } from '../support/test-app.ts';
import { listen } from '../support/widget-client.ts';

let t: TestApp;
let login: AdminLogin;

beforeEach(async () => {
  t = createTestApp();
  await listen(t); // Send test posts to the app's own webhook URL over loopback
  login = await loginAdmin(t);
});
afterEach(async () => {
  await new Promise((resolve) => t.httpServer.close(resolve));
  t.realtime.close();
  t.close();
});

async function previewOf(notificationId: number) {
  const res = await adminPage(t, login).get(`/admin/preview/${notificationId}`).expect(200);
  const data = /<script type="application\/json" id="proofhook-preview-data">([^<]*)<\/script>/.exec(res.text)?.[1];
  return { html: res.text, payload: JSON.parse(data as string) as WidgetReadyPayload };
}

describe('the admin preview and test events', () => {
  test('runs its widget offline, so it opens no socket', async () => {
    const { notification } = await createNotification(t);
    const { html } = await previewOf(notification.id);
    expect(html).toMatch(/<script src="\/widget\.js" data-key="preview-[0-9a-f]+" data-debug data-offline nonce=/);
  });

  test('a Send test from the inspector shows in the preview, marked as a test, in place of the sample', async () => {
    const { notification } = await createNotification(t);
    expect((await previewOf(notification.id)).html).toContain('data-sample="true"');

    await adminPage(t, login).post(`/api/notifications/${notification.id}/test`, { format: 'proofhook' }).expect(200);
    const [delivery] = (await t.api.get(`/api/notifications/${notification.id}/deliveries`)).body.deliveries;
    const { html, payload } = await previewOf(notification.id);
    expect(html).toContain('data-sample="false"');
    expect(html).toContain('Your latest data, with your test events');
    expect(payload.conversions).toHaveLength(1);
    expect(payload.conversions[0]).toMatchObject({ id: -delivery.id, test: true, title: 'Maria G. from Austin, US' });
  });

  test('test events come first, then the real conversions', async () => {
    const { notification, hookPath } = await createNotification(t);
    await request(t.app).post(hookPath).send({ email: 'zoe.martin@example.com', firstName: 'Zoe' }).expect(200);
    await request(t.app)
      .post(hookPath)
      .set('X-Proofhook-Test', '1')
      .send({ email: 'tess.test@example.com', firstName: 'Tess' })
      .expect(200);
    const { payload } = await previewOf(notification.id);
    expect(payload.conversions.map((c: PublicConversion) => [c.firstName, c.test ?? false])).toEqual([
      ['Tess', true],
      ['Zoe', false],
    ]);
  });

  test('test events follow the privacy rules there too', async () => {
    const { notification, hookPath } = await createNotification(t);
    await t.api.patch(`/api/notifications/${notification.id}`, { display: { privacy: 'anonymous' } }).expect(200);
    await request(t.app)
      .post(hookPath)
      .set('X-Proofhook-Test', '1')
      .send({ email: 'tess.test@example.com', firstName: 'Tess', lastName: 'Tester' })
      .expect(200);
    const { html, payload } = await previewOf(notification.id);
    expect(payload.conversions[0]?.test).toBe(true);
    expect(html).not.toContain('Tess');
  });
});
