// The per-address widget cap counts visitors, not the proxy: behind a trusted proxy, 250 visitors
// with their own forwarded addresses all connect (the cap is 200 per address); from an untrusted
// peer the header changes nothing and the cap counts the peer.
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS } from '../../server/limits.ts';
import type { TrustProxy } from '../../server/trust-proxy.ts';
import { type TestApp, createNotification, createTestApp, stopTestApp } from '../support/test-app.ts';
import { type WidgetClient, listen, waitFor, waitForConnectError } from '../support/widget-client.ts';

let t: TestApp | undefined;
const clients: WidgetClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  if (t) await stopTestApp(t);
});

async function start(trustProxy: TrustProxy, widgetsPerIp: number) {
  t = createTestApp({ config: { trustProxy }, limits: { ...DEFAULT_LIMITS, widgetsPerIp } });
  const baseUrl = await listen(t);
  const { site } = await createNotification(t);
  const open = (forwardedFor: string): WidgetClient => {
    const client: WidgetClient = connect(`${baseUrl}/widget`, {
      auth: { key: site.widgetKey },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { 'X-Forwarded-For': forwardedFor },
    });
    clients.push(client);
    return client;
  };
  return { open };
}

describe('widget connections per address', () => {
  test('behind a trusted proxy, 250 visitors with their own addresses all connect', async () => {
    const { open } = await start(['loopback'], DEFAULT_LIMITS.widgetsPerIp);
    expect(DEFAULT_LIMITS.widgetsPerIp).toBeLessThan(250);
    const visitors = Array.from({ length: 250 }, (_, i) => open(`198.51.${Math.floor(i / 200)}.${i % 200}`));
    await Promise.all(visitors.map((visitor) => waitFor(visitor, 'widget:ready', 50_000)));
    expect(visitors.every((visitor) => visitor.connected)).toBe(true);
  }, 60_000);

  test('behind a trusted proxy, one visitor is still capped', async () => {
    const { open } = await start(['loopback'], 3);
    for (let i = 0; i < 3; i += 1) await waitFor(open('203.0.113.9'), 'widget:ready');
    const error = await waitForConnectError(open('203.0.113.9'));
    expect(error.message).toMatch(/too many widget connections/i);
    // Another visitor behind the same proxy is not.
    await waitFor(open('203.0.113.10'), 'widget:ready');
  });

  test.each<[string, TrustProxy]>([
    ['no proxy trusted', false],
    ['a proxy elsewhere trusted', ['10.0.0.0/8']],
  ])('%s: rotating X-Forwarded-For does not get past the cap', async (_name, trustProxy) => {
    const { open } = await start(trustProxy, 3);
    for (let i = 0; i < 3; i += 1) await waitFor(open(`198.51.100.${i}`), 'widget:ready');
    const error = await waitForConnectError(open('198.51.100.99'));
    expect(error.message).toMatch(/too many widget connections/i);
  });
});
