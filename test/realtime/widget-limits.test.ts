// Caps on widget connections per IP and per site.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_LIMITS } from '../../server/limits.ts';
import { type TestApp, createNotification, createTestApp } from '../support/test-app.ts';
import { type WidgetClient, connectWidget, listen, waitFor, waitForConnectError } from '../support/widget-client.ts';

let t: TestApp;
const clients: WidgetClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  t.realtime.close();
  await new Promise((resolve) => t.io.close(resolve));
  t.close();
});

describe('widget connection caps', () => {
  test('connections beyond the per-IP cap are refused with a retryable error; a closed one frees a place', async () => {
    t = createTestApp({ limits: { ...DEFAULT_LIMITS, widgetsPerIp: 2 } });
    const baseUrl = await listen(t);
    const { site } = await createNotification(t);
    for (let i = 0; i < 2; i += 1) {
      const client = connectWidget(baseUrl, { key: site.widgetKey });
      clients.push(client);
      await waitFor(client, 'widget:ready');
    }
    const third = connectWidget(baseUrl, { key: site.widgetKey });
    clients.push(third);
    const error = (await waitForConnectError(third)) as Error & { data?: { retry?: boolean } };
    expect(error.message).toMatch(/too many widget connections/i);
    expect(error.data).toEqual({ retry: true });

    clients[0]?.disconnect();
    // The server frees the place when it sees the disconnect, which also takes the socket off its list.
    await vi.waitFor(() => expect(t.io.of('/widget').sockets.size).toBe(1));
    const fourth = connectWidget(baseUrl, { key: site.widgetKey });
    clients.push(fourth);
    await waitFor(fourth, 'widget:ready');
  });

  test('connections beyond the per-site cap are refused', async () => {
    t = createTestApp({ limits: { ...DEFAULT_LIMITS, widgetsPerSite: 1 } });
    const baseUrl = await listen(t);
    const { site } = await createNotification(t);
    const other = await createNotification(t);
    const first = connectWidget(baseUrl, { key: site.widgetKey });
    clients.push(first);
    await waitFor(first, 'widget:ready');
    const second = connectWidget(baseUrl, { key: site.widgetKey });
    clients.push(second);
    expect((await waitForConnectError(second)).message).toMatch(/this site/);
    const elsewhere = connectWidget(baseUrl, { key: other.site.widgetKey });
    clients.push(elsewhere);
    await waitFor(elsewhere, 'widget:ready');
  });
});
