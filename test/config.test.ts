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
  ])('%j fails with one clear line naming %s', (env, name) => {
    expect(() => readConfig(env)).toThrow(new RegExp(`^Invalid configuration: .*${name}`));
    try {
      readConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
