// Storage trouble is our problem, never the sender's: a read-only or locked database makes the
// webhook answer 503 with Retry-After (never a 4xx), and it recovers by itself.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { createApp } from '../../server/app.ts';
import { migrate } from '../../server/db/migrate.ts';
import { BUSY_TIMEOUT_MS, openDatabase } from '../../server/db/open-database.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { makeDataDir } from '../support/server-process.ts';
import { ADMIN_TOKEN, createFakeGeo, createMovableClock } from '../support/test-app.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function fileBackedApp() {
  const dir = makeDataDir();
  dirs.push(dir);
  const file = path.join(dir, 'proofhook.db');
  const db = openDatabase(file);
  migrate(db);
  const storage = createSqliteStorage(db, createMovableClock());
  const { app } = createApp({
    config: { publicUrl: 'https://proof.example.com' },
    adminToken: ADMIN_TOKEN,
    storage,
    geo: createFakeGeo(),
    clock: createMovableClock(),
    logger: pino({ level: 'silent' }),
  });
  return { app, db, file, storage };
}

async function setUp() {
  const env = fileBackedApp();
  const site = await env.storage.sites.create({ name: 'Shop', allowedOrigins: [] });
  const notification = await env.storage.notifications.create({
    siteId: site.id,
    kind: 'stream',
    name: 'Buys',
    messageTemplate: 'purchased {{product}}',
    display: {},
  });
  return { ...env, hookPath: `/hooks/${notification.ingestToken}`, notificationId: notification.id };
}

/** How long a store platform waits for a webhook's answer. */
const STORE_PLATFORM_DEADLINE_MS = 5000;

describe('storage trouble', () => {
  test('a read-only database answers 503 + Retry-After, and recovers when writable again', async () => {
    const env = await setUp();
    await request(env.app).post(env.hookPath).send({ email: 'before@example.com' }).expect(200);
    env.db.pragma('query_only = ON');
    const res = await request(env.app).post(env.hookPath).send({ email: 'during@example.com' });
    expect(res.status).toBe(503);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    env.db.pragma('query_only = OFF');
    await request(env.app).post(env.hookPath).send({ email: 'after@example.com' }).expect(200);
    const emails = (await env.storage.conversions.listByNotification(env.notificationId, { limit: 10 })).map(
      (c) => c.email,
    );
    expect(emails).toEqual(['after@example.com', 'before@example.com']);
    env.db.close();
  });

  test('a database locked by another process answers 503 within the sender deadline, then recovers', async () => {
    const env = await setUp();
    const other = new Database(env.file);
    other.exec('BEGIN EXCLUSIVE');
    const res = await request(env.app).post(env.hookPath).send({ email: 'locked@example.com' });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    // A store platform gives a webhook 5 s: the 503 comes once SQLite's busy wait gives up, which
    // is set well before that (a setting, not a stopwatch's reading).
    expect(env.db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    expect(BUSY_TIMEOUT_MS).toBeLessThanOrEqual(STORE_PLATFORM_DEADLINE_MS / 2);
    other.exec('COMMIT');
    other.close();
    await request(env.app).post(env.hookPath).send({ email: 'unlocked@example.com' }).expect(200);
    env.db.close();
  });

  test('stored data survives the trouble intact', async () => {
    const env = await setUp();
    for (let i = 0; i < 5; i += 1)
      await request(env.app)
        .post(env.hookPath)
        .send({ email: `k${i}@example.com` });
    env.db.pragma('query_only = ON');
    for (let i = 0; i < 5; i += 1)
      await request(env.app)
        .post(env.hookPath)
        .send({ email: `x${i}@example.com` });
    env.db.pragma('query_only = OFF');
    expect(env.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await env.storage.conversions.listByNotification(env.notificationId, { limit: 50 })).length).toBe(5);
    env.db.close();
  });
});
