// Durable before 200: a conversion acknowledged with 200 survives kill -9 right after the reply.
import fs from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { type ServerProcess, makeDataDir, startServer } from '../support/server-process.ts';

const ADMIN_TOKEN = 'durability-admin-token-123';
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
const running: ServerProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const server of running.splice(0)) server.child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function start(dataDir: string) {
  const server = await startServer({ DATA_DIR: dataDir, ADMIN_TOKEN });
  running.push(server);
  return server;
}

describe('durability', () => {
  test('every conversion that got a 200 is there after kill -9 and a restart', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const first = await start(dataDir);
    const site = (await (
      await fetch(`${first.url}/api/sites`, { method: 'POST', headers: auth, body: '{"name":"Shop"}' })
    ).json()) as { id: number };
    const notification = (await (
      await fetch(`${first.url}/api/sites/${site.id}/notifications`, {
        method: 'POST',
        headers: auth,
        body: '{"name":"Buys"}',
      })
    ).json()) as { id: number; ingestToken: string };

    const acknowledged: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const email = `buyer${i}@example.com`;
      const res = await fetch(`${first.url}/hooks/${notification.ingestToken}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, productName: 'Sneakers' }),
      });
      if (res.status === 200) acknowledged.push(email);
    }
    // Killed the instant the last 200 arrived: no graceful close, no chance to flush anything.
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await start(dataDir);
    const res = await fetch(`${second.url}/api/notifications/${notification.id}/conversions?limit=100`, {
      headers: auth,
    });
    const body = (await res.json()) as { conversions: Array<{ email: string }> };
    const stored = body.conversions.map((c) => c.email);
    expect(acknowledged).toHaveLength(20);
    expect(stored.sort()).toEqual([...acknowledged].sort());
  });

  test('SIGTERM shuts down gracefully with exit code 0', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const server = await start(dataDir);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  test('without ADMIN_TOKEN a token is generated once, printed once, and kept (mode 0600)', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const server = await startServer({ DATA_DIR: dataDir, ADMIN_TOKEN: '' });
    running.push(server);
    const token = /Admin token \(shown once[^)]*\): (\S+)/.exec(server.output())?.[1];
    expect(token).toBeTruthy();
    expect(fs.readFileSync(`${dataDir}/admin-token`, 'utf8').trim()).toBe(token);
    // Readable by the server's own user only.
    expect(fs.statSync(`${dataDir}/admin-token`).mode & 0o777).toBe(0o600);
    expect((await fetch(`${server.url}/api/sites`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
    server.child.kill('SIGTERM');
    await server.exited;

    const again = await startServer({ DATA_DIR: dataDir, ADMIN_TOKEN: '' });
    running.push(again);
    expect(again.output()).not.toContain(token as string);
    expect((await fetch(`${again.url}/api/sites`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  test('bad configuration fails at start with one clear line', async () => {
    await expect(startServer({ PORT: 'eighty' }, 10_000)).rejects.toThrow(/Invalid configuration: PORT/);
  });
});
