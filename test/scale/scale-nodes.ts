// Helpers for tests that run several real Proofhook processes against one PostgreSQL schema and one
// Redis prefix: start and stop nodes, call their admin API, post webhooks, wait for widget events.
import fs from 'node:fs';
import type { ServerToWidgetEvents } from '../../shared/protocol.ts';
import { vi } from 'vitest';
import { type ServerProcess, makeDataDir, startServer } from '../support/server-process.ts';
import type { WidgetClient } from '../support/widget-client.ts';

export const SCALE_ADMIN_TOKEN = 'scale-test-admin-token-0123';

export interface Node extends ServerProcess {
  stop(): Promise<void>;
}

export async function startNode(env: Record<string, string>): Promise<Node> {
  const dataDir = makeDataDir('proofhook-scale-');
  const server = await startServer({ ADMIN_TOKEN: SCALE_ADMIN_TOKEN, DEMO: 'false', DATA_DIR: dataDir, ...env });
  return {
    ...server,
    async stop() {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function adminApi<T = Record<string, unknown>>(
  node: { url: string },
  method: string,
  path: string,
  body?: object,
): Promise<T> {
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${SCALE_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function createSiteWith(node: Node, kinds: Array<'stream' | 'conversion' | 'visitors'>) {
  const site = await adminApi<{ id: number; widgetKey: string }>(node, 'POST', '/api/sites', { name: 'Shop' });
  const notifications: Array<{ id: number; ingestToken: string; kind: string }> = [];
  for (const kind of kinds) {
    notifications.push(
      await adminApi(node, 'POST', `/api/sites/${site.id}/notifications`, {
        name: kind,
        kind,
        ...(kind === 'visitors' ? { display: { minimumCount: 1 } } : {}),
      }),
    );
  }
  return { site, notifications };
}

export async function postWebhook(node: { url: string }, token: string, body: object, timeoutMs = 10_000) {
  const res = await fetch(`${node.url}/hooks/${token}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const reply = (await res.json()) as { ok?: boolean; status?: string; error?: { code: string } };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: reply };
}

/** The next `event` whose payload passes `accept`; rejects after `timeoutMs`, leaving no listener behind. */
export function waitForMatch<E extends keyof ServerToWidgetEvents>(
  socket: WidgetClient,
  event: E,
  accept: (payload: Parameters<ServerToWidgetEvents[E]>[0]) => boolean,
  timeoutMs = 10_000,
): Promise<Parameters<ServerToWidgetEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const onEvent = (payload: Parameters<ServerToWidgetEvents[E]>[0]) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event, onEvent as never);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, onEvent as never);
      reject(new Error(`timed out waiting for a matching ${event}`));
    }, timeoutMs);
    socket.on(event, onEvent as never);
  });
}

/** Waits until `check` returns a value other than undefined; for state that settles across processes. */
export function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await check();
      if (value === undefined) throw new Error('condition not met in time');
      return value;
    },
    { timeout: timeoutMs, interval: 100 },
  );
}

let orderNumber = 0;
export function purchase(overrides: Record<string, unknown> = {}) {
  orderNumber += 1;
  return {
    email: `buyer${orderNumber}.${Date.now()}@example.com`,
    firstName: 'Maria',
    lastName: 'Garcia',
    productName: 'Sneakers',
    total: 55,
    currency: 'USD',
    guid: `order-${orderNumber}-${Date.now()}`,
    ...overrides,
  };
}
