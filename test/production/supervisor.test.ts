// WORKERS=2 on PostgreSQL + Redis, watched from outside: the supervisor starts new workers whatever
// kills them, including all of them at once and PostgreSQL refusing every start, waiting longer
// each time a worker keeps failing; SIGTERM is what stops it, with exit code 0 and no worker left.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestSchema, TEST_DATABASE_URL, createTestSchema, skipWithoutPostgres } from '../support/postgres.ts';
import { TEST_REDIS_URL, skipWithoutRedis, testRedisPrefix } from '../support/redis.ts';
import { type TcpProxy, startTcpProxy } from '../support/tcp-proxy.ts';
import {
  type WatchedProcess,
  freePort,
  healthStatus,
  isAlive,
  listeningPids,
  logLines,
  spawnProofhook,
  until,
} from './watched-process.ts';

const skipped = [skipWithoutPostgres('supervisor'), skipWithoutRedis('supervisor')].some(Boolean);

/** The waits the supervisor announced before restarting worker `index`, in order. */
const restartWaits = (output: string, index: number) =>
  logLines(output)
    .filter((line) => line.msg === 'worker exited; starting a new one' && line.worker === index)
    .map((line) => line.restartInMs as number);

describe.skipIf(skipped)('the WORKERS supervisor', () => {
  let schema: TestSchema;
  const started: WatchedProcess[] = [];
  const proxies: TcpProxy[] = [];

  const startSupervisor = async (databaseUrl: string) => {
    const port = await freePort();
    const supervisor = spawnProofhook({
      WORKERS: '2',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL as string,
      REDIS_PREFIX: testRedisPrefix(),
      ADMIN_TOKEN: 'supervisor-test-admin-token',
    });
    started.push(supervisor);
    return { supervisor, port };
  };

  /** SIGTERM, then the exit code; every worker it ever logged as listening must be gone by then. */
  const stop = async (supervisor: WatchedProcess) => {
    supervisor.child.kill('SIGTERM');
    const exit = await supervisor.exited;
    return { exit, workersAlive: listeningPids(supervisor.output()).filter(isAlive) };
  };

  beforeAll(async () => {
    schema = await createTestSchema();
  });

  afterAll(async () => {
    for (const each of started) if (each.running()) each.child.kill('SIGKILL');
    await Promise.all(started.map((each) => each.exited));
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await schema?.drop();
  });

  test('both workers killed with kill -9: the supervisor keeps running and starts two new ones', async () => {
    const { supervisor, port } = await startSupervisor(schema.url);
    const first = await until(() => {
      const pids = listeningPids(supervisor.output());
      return pids.length === 2 && pids;
    }, supervisor);
    expect(await healthStatus(port)).toBe(200);

    for (const pid of first) process.kill(pid, 'SIGKILL');
    await until(() => first.every((pid) => !isAlive(pid)), supervisor);

    const second = await until(() => {
      const pids = listeningPids(supervisor.output()).filter((pid) => !first.includes(pid));
      return pids.length === 2 && pids;
    }, supervisor);
    expect(supervisor.running()).toBe(true);
    expect(await until(async () => (await healthStatus(port)) === 200, supervisor)).toBe(true);
    // A worker that had been serving gets the shortest wait.
    expect([restartWaits(supervisor.output(), 0), restartWaits(supervisor.output(), 1)]).toEqual([[500], [500]]);

    const { exit, workersAlive } = await stop(supervisor);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(workersAlive).toEqual([]);
    expect(second.some(isAlive)).toBe(false);
  }, 90_000);

  test('PostgreSQL refusing every start: workers are restarted with a doubling wait, and serve once it is back', async () => {
    const target = new URL(TEST_DATABASE_URL as string);
    const postgres = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    proxies.push(postgres);
    postgres.cut('reset');
    const { supervisor, port } = await startSupervisor(postgres.url(schema.url));

    await until(() => restartWaits(supervisor.output(), 0).length >= 3, supervisor);
    expect(supervisor.running()).toBe(true);
    expect(listeningPids(supervisor.output())).toEqual([]);
    expect(restartWaits(supervisor.output(), 0).slice(0, 3)).toEqual([500, 1000, 2000]);

    postgres.restore();
    await until(() => listeningPids(supervisor.output()).length === 2, supervisor);
    expect(await until(async () => (await healthStatus(port)) === 200, supervisor)).toBe(true);

    const { exit, workersAlive } = await stop(supervisor);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(workersAlive).toEqual([]);
  }, 90_000);
});
