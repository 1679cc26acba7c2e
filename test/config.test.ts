import { describe, expect, test } from 'vitest';
import { readConfig } from '../server/config.ts';

describe('readConfig', () => {
  test('defaults need no environment at all', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: './data',
      publicUrl: undefined,
      adminToken: undefined,
      logLevel: 'info',
      demo: true,
      trustProxy: false,
      deliveryLogBytesPerSite: 512 * 1024 * 1024,
      retention: { bodyDays: 30, conversionDays: 0 },
      limits: { webhookRatePerSecond: 50, webhookBurst: 500, widgetsPerIp: 200, widgetsPerSite: 50_000 },
      databaseUrl: undefined,
      redisUrl: undefined,
      redisPrefix: 'proofhook',
      workers: 1,
      workerIndex: 0,
    });
  });

  test('several workers run on PostgreSQL and Redis', () => {
    expect(
      readConfig({
        DATABASE_URL: 'postgres://proofhook@db.internal:5432/proofhook',
        REDIS_URL: 'redis://cache.internal:6379',
        REDIS_PREFIX: 'shop-a',
        WORKERS: 'auto',
      }),
    ).toMatchObject({
      databaseUrl: 'postgres://proofhook@db.internal:5432/proofhook',
      redisUrl: 'redis://cache.internal:6379',
      redisPrefix: 'shop-a',
      workers: 'auto',
    });
    expect(
      readConfig({ DATABASE_URL: 'postgresql://db/proofhook', REDIS_URL: 'rediss://cache', WORKERS: '4' }).workers,
    ).toBe(4);
  });

  test.each([
    [{ WORKERS: '2' }, 'WORKERS=2 needs DATABASE_URL (PostgreSQL) and REDIS_URL'],
    [{ WORKERS: 'auto', DATABASE_URL: 'postgres://db/proofhook' }, 'WORKERS=auto needs DATABASE_URL'],
    [{ REDIS_URL: 'redis://cache' }, 'REDIS_URL needs DATABASE_URL'],
  ])('%j is refused with one line saying what is missing', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });

  test('reads every documented variable and trims a trailing slash from PUBLIC_URL', () => {
    const config = readConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/proofhook',
      PUBLIC_URL: 'https://proof.example.com/',
      ADMIN_TOKEN: 'a-long-enough-admin-token',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/proofhook',
      publicUrl: 'https://proof.example.com',
      adminToken: 'a-long-enough-admin-token',
    });
  });

  test('empty strings count as unset', () => {
    expect(readConfig({ PUBLIC_URL: '', ADMIN_TOKEN: '  ' })).toMatchObject({
      publicUrl: undefined,
      adminToken: undefined,
    });
  });

  test.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_URL: 'proof.example.com' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://proof.example.com' }, 'PUBLIC_URL'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ DATABASE_URL: 'mysql://db/proofhook' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://db/x', REDIS_URL: 'http://cache' }, 'REDIS_URL'],
    [{ WORKERS: '0' }, 'WORKERS'],
    [{ WORKERS: 'many' }, 'WORKERS'],
    [{ REDIS_PREFIX: 'has space' }, 'REDIS_PREFIX'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY true would let any client choose'],
    [{ TRUST_PROXY: 'nginx' }, 'TRUST_PROXY "nginx" is not an IP address'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY "10.0.0.0/33" has a prefix length outside 0-32'],
    [{ TRUST_PROXY: 'loopback,' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '100' }, 'TRUST_PROXY a hop count must be 16 or less'],
    [{ DEMO: 'yes' }, 'DEMO'],
    [{ DELIVERY_LOG_MB_PER_SITE: '-1' }, 'DELIVERY_LOG_MB_PER_SITE'],
  ])('%j fails with one clear line naming %s', (env, name) => {
    expect(() => readConfig(env)).toThrow(new RegExp(`^Invalid configuration: .*${name}`));
    try {
      readConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  test.each([
    [undefined, false],
    ['off', false],
    ['false', false],
    ['loopback', ['loopback']],
    ['1', 1],
    ['2', 2],
    [' 10.0.0.5, 192.168.0.0/16 ,fd00::/8, Uniquelocal', ['10.0.0.5', '192.168.0.0/16', 'fd00::/8', 'uniquelocal']],
  ])('TRUST_PROXY=%s trusts %j', (value, expected) => {
    expect(readConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  test.each([
    [{}, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', DEMO: 'true' }, true],
    [{ DEMO: 'false' }, false],
    [{ DEMO: '0' }, false],
    [{ DEMO: '1' }, true],
    [{ DEMO: '' }, true],
  ])('%j: demo %s (on for a try-out, off in production unless asked for)', (env, demo) => {
    expect(readConfig(env).demo).toBe(demo);
  });

  test('DELIVERY_LOG_MB_PER_SITE is read in MiB; 0 means no budget', () => {
    expect(readConfig({ DELIVERY_LOG_MB_PER_SITE: '64' }).deliveryLogBytesPerSite).toBe(64 * 1024 * 1024);
    expect(readConfig({ DELIVERY_LOG_MB_PER_SITE: '0' }).deliveryLogBytesPerSite).toBe(0);
  });
});
