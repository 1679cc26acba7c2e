// The set-up the realtime suites share: a fresh listening app per test on the given storage backend,
// widgets connected with a real socket.io-client, and everything closed after the test (widgets
// first, so no client is left reconnecting to a server that is going away).
import { afterEach, beforeEach } from 'vitest';
import type { AppBackend } from './app-backends.ts';
import type { AnyTestApp } from './test-app.ts';
import { type WidgetClient, connectWidget, listen } from './widget-client.ts';

export interface RealtimeHarness {
  /** The test's app; read it inside tests and hooks (a new one per test). */
  readonly t: AnyTestApp;
  /** Where the app listens, e.g. http://127.0.0.1:41234. */
  readonly baseUrl: string;
  /** A widget connected as connectWidget would, disconnected after the test. */
  open(...args: Parameters<typeof connectWidget>): WidgetClient;
}

/** Registers the beforeEach/afterEach that start and close one app per test; call inside a describe. */
export function useRealtimeApp(backend: AppBackend): RealtimeHarness {
  let app: { t: AnyTestApp; baseUrl: string } | undefined;
  const clients: WidgetClient[] = [];
  const running = () => {
    if (!app) throw new Error('the realtime app is not running: read it inside tests and hooks');
    return app;
  };

  beforeEach(async () => {
    const t = await backend.createApp();
    app = { t, baseUrl: await listen(t) };
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    const t = app?.t;
    app = undefined;
    if (!t) return;
    t.realtime.close();
    await new Promise((resolve) => t.io.close(resolve));
    await t.close();
  });

  return {
    get t() {
      return running().t;
    },
    get baseUrl() {
      return running().baseUrl;
    },
    open: (...args) => {
      const client = connectWidget(...args);
      clients.push(client);
      return client;
    },
  };
}
