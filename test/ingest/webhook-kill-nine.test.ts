// No loss under kill -9: thousands of webhook POSTs at a real server process, SIGKILL at a random
// moment, restart on the same data dir: every request that got a 200 is stored exactly once.
import fs from 'node:fs';
import http from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { type ServerProcess, makeDataDir, startServer } from '../support/server-process.ts';

const ADMIN_TOKEN = 'kill-nine-admin-token-0123';
const TOTAL_REQUESTS = 4000;
const CONCURRENCY = 16;
const running: ServerProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const server of running.splice(0)) server.child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function post(agent: http.Agent, url: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function api<T>(server: ServerProcess, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${route}`, {
    method: body ? 'POST' : 'GET',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await res.json()) as T;
}

describe('no loss under kill -9', () => {
  test('every acknowledged conversion is stored exactly once after SIGKILL and a restart', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    // No rate limit here: the point is the crash, not flood control.
    const env = { DATA_DIR: dataDir, ADMIN_TOKEN, WEBHOOK_RATE_PER_SECOND: '100000', WEBHOOK_BURST: '1000000' };
    const first = await startServer(env);
    running.push(first);
    const site = await api<{ id: number }>(first, '/api/sites', { name: 'Shop' });
    const notification = await api<{ id: number; ingestToken: string }>(first, `/api/sites/${site.id}/notifications`, {
      name: 'Buys',
    });

    const seed = Math.floor(Math.random() * 2 ** 31);
    const killAfterAcks = 200 + (seed % 2500);
    console.info(`kill -9 test: killing after ${killAfterAcks} acknowledgements (seed ${seed})`);
    const acknowledged: string[] = [];
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const hookUrl = `${first.url}/hooks/${notification.ingestToken}`;
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < TOTAL_REQUESTS && !killed) {
        const email = `buyer${next}@example.com`;
        next += 1;
        const status = await post(agent, hookUrl, JSON.stringify({ email, productName: 'Sneakers' }));
        if (status === 200) {
          acknowledged.push(email);
          if (acknowledged.length >= killAfterAcks && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();
    expect(killed).toBe(true);
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await startServer(env);
    running.push(second);
    const stored: string[] = [];
    let beforeId: number | null = null;
    do {
      const page: { conversions: Array<{ email: string }>; nextBeforeId: number | null } = await api(
        second,
        `/api/notifications/${notification.id}/conversions?limit=500${beforeId ? `&beforeId=${beforeId}` : ''}`,
      );
      stored.push(...page.conversions.map((c) => c.email));
      beforeId = page.nextBeforeId;
    } while (beforeId);

    const storedSet = new Set(stored);
    expect(stored.length).toBe(storedSet.size); // exactly once: no duplicates
    const lost = acknowledged.filter((email) => !storedSet.has(email));
    expect(lost).toEqual([]);
    expect(stored.length).toBeGreaterThanOrEqual(acknowledged.length);
  }, 120_000);
});
