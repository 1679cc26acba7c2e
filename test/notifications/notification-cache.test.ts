// The SQLite storage remembers notifications by ingest token (server/notifications/notification-cache.ts).
// What the storage contract cannot show: a change committed by another connection to the same
// file, such as an operator's sqlite3 shell, is seen by the next webhook's lookup. A webhook is read
// in a turn of the event loop of its own, so each lookup after a change here waits for the next turn.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
import { migrate } from '../../server/db/migrate.ts';
import { type SqliteDatabase, openDatabase } from '../../server/db/open-database.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { createTarget } from '../storage/storage-builders.ts';
import { createMovableClock } from '../support/test-app.ts';

const dirs: string[] = [];
const databases: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of databases.splice(0)) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function openTwoConnections() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proofhook-cache-'));
  dirs.push(dir);
  const file = path.join(dir, 'c.db');
  const db = openDatabase(file, { backgroundCheckpoints: false });
  migrate(db);
  const shell = openDatabase(file, { backgroundCheckpoints: false });
  databases.push(db, shell);
  return { storage: createSqliteStorage(db, createMovableClock()), shell };
}

describe('notification lookup by ingest token', () => {
  test('a change committed by another connection is seen by the next lookup', async () => {
    const { storage, shell } = openTwoConnections();
    const target = await createTarget(storage);
    const token = (await storage.notifications.find(target.notificationId))?.ingestToken ?? '';
    expect(await storage.notifications.findByIngestToken(token)).toMatchObject({ status: 'active' });
    expect(await storage.notifications.findByIngestToken(token)).toMatchObject({ status: 'active' });

    shell.prepare(`UPDATE notification SET status = 'paused' WHERE id = ?`).run(target.notificationId);
    await nextTurn();
    expect(await storage.notifications.findByIngestToken(token)).toMatchObject({ status: 'paused' });

    shell.prepare(`UPDATE notification SET ingest_token = 'whk_set_by_hand' WHERE id = ?`).run(target.notificationId);
    await nextTurn();
    expect(await storage.notifications.findByIngestToken(token)).toBeUndefined();
    expect(await storage.notifications.findByIngestToken('whk_set_by_hand')).toMatchObject({
      id: target.notificationId,
    });
  });

  test('a token unknown at first resolves once another connection has set it', async () => {
    const { storage, shell } = openTwoConnections();
    const target = await createTarget(storage);
    expect(await storage.notifications.findByIngestToken('whk_not_yet')).toBeUndefined();
    shell.prepare(`UPDATE notification SET ingest_token = 'whk_not_yet' WHERE id = ?`).run(target.notificationId);
    await nextTurn();
    expect(await storage.notifications.findByIngestToken('whk_not_yet')).toMatchObject({ id: target.notificationId });
  });

  test('what a lookup returns cannot be changed by its caller, since the next webhook gets the same object', async () => {
    const { storage } = openTwoConnections();
    const target = await createTarget(storage);
    const token = (await storage.notifications.find(target.notificationId))?.ingestToken ?? '';
    const found = await storage.notifications.findByIngestToken(token);
    expect(() => {
      (found as { status: string }).status = 'deleted';
    }).toThrow(TypeError);
    expect(await storage.notifications.findByIngestToken(token)).toMatchObject({ status: 'active' });
  });
});
