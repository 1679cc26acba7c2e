// What `npm run bench:stages` measures in: the real app (createApp) over SQLite on a temp dir with
// today's schema (the real migrations, the real pragmas: WAL, synchronous=NORMAL), a site with a
// stream notification and no widgets (as in the ingest figure of `npm run bench`), optionally a
// second site with N widgets connected from a child process (their receiving costs this process
// nothing), and the bare "one INSERT per request" reference database.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino, { type Logger } from 'pino';
import { WIDGET_NAMESPACE } from '../../shared/protocol.ts';
import { type ProofhookApp, createApp } from '../../server/app.ts';
import { systemClock } from '../../server/clock.ts';
import { migrate } from '../../server/db/migrate.ts';
import { type SqliteDatabase, openDatabase } from '../../server/db/open-database.ts';
import { createGeoipLiteLookup } from '../../server/geo/geoip-lite.ts';
import type { GeoLookup } from '../../server/geo/geo.types.ts';
import { type RateLimiter, createTokenBucketLimiter } from '../../server/ingest/rate-limiter.ts';
import { DEFAULT_TEMPLATES } from '../../server/notifications/message-template.ts';
import type { Notification } from '../../server/notifications/notification.types.ts';
import { type SitePushes, createSitePushes } from '../../server/realtime/site-pushes.ts';
import type { WidgetNamespace } from '../../server/realtime/widget-socket.types.ts';
import { ALL_SENDER_PROFILES } from '../../server/senders/all-profiles.ts';
import { type SenderIndex, createSenderIndex } from '../../server/senders/sender-index.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { makeTempDir } from './children.ts';
import { type Swarm, startSwarm } from './swarm.ts';

/** Abuse limits lifted, as in the bench's server: the stages are measured, not the flood control. */
const LIFTED = { webhookRatePerSecond: 1e9, webhookBurst: 1e9, widgetsPerIp: 1e6, widgetsPerSite: 1e6 };

export interface StageHarness {
  db: SqliteDatabase;
  storage: Storage;
  app: ProofhookApp;
  /** The stream notification every webhook goes to; its site has no widgets. */
  notification: Notification;
  hookPath: string;
  senders: SenderIndex;
  geo: GeoLookup;
  logger: Logger;
  /** A limiter built as createApp builds its own (same limits), for the rate-limit stage alone. */
  limiter: RateLimiter;
  /** The site pushes of the app's widget namespace, as the conversion publisher uses them. */
  pushes: SitePushes;
  /** The site with `widgets.count` connected widgets, when asked for. */
  widgets: { count: number; siteId: number; received(): Promise<number> } | undefined;
  /** The WAL checkpoint the server's worker thread runs (PASSIVE, from a second connection). */
  checkpoint(): void;
  /** The reference: one row per request in its own transaction, as bench/reference-http-server.ts does. */
  bareInsert(text: string, receivedAt: number): void;
  close(): Promise<void>;
}

export async function createStageHarness(options: { widgets: number }): Promise<StageHarness> {
  const dir = makeTempDir('proofhook-stages-');
  const file = path.join(dir, 'proofhook.db');
  // The worker thread is replaced by `checkpoint()`, called between rounds, so that its CPU is
  // measured as a stage of its own instead of landing in whichever stage it happens to overlap.
  const db = openDatabase(file, { backgroundCheckpoints: false });
  migrate(db);
  db.pragma('wal_autocheckpoint = 0');
  const checkpointer = new Database(file, { fileMustExist: true });
  checkpointer.pragma('busy_timeout = 100');
  checkpointer.pragma('wal_autocheckpoint = 0');

  const storage = createSqliteStorage(db, systemClock);
  const logger = pino({ level: 'silent' });
  const geo = createGeoipLiteLookup();
  const app = createApp({
    config: { publicUrl: 'http://127.0.0.1' },
    adminToken: 'bench-admin-token-0123456789',
    storage,
    geo,
    clock: systemClock,
    logger,
    limits: LIFTED,
  });
  const createStream = async (siteName: string) => {
    const site = await storage.sites.create({ name: siteName, allowedOrigins: [] });
    const notification = await storage.notifications.create({
      siteId: site.id,
      kind: 'stream',
      name: 'Recent purchases',
      messageTemplate: DEFAULT_TEMPLATES.stream,
      display: {},
    });
    return { site, notification };
  };
  const { notification } = await createStream('Bench Shop');
  const pushes = createSitePushes(app.io.of(WIDGET_NAMESPACE) as WidgetNamespace, { cluster: undefined, logger });

  let swarm: Swarm | undefined;
  let widgets: StageHarness['widgets'];
  if (options.widgets > 0) {
    const { site } = await createStream('Bench Shop with widgets');
    const url = await listen(app);
    swarm = startSwarm('stage-widgets');
    const connected = await swarm.connect(url, site.widgetKey, options.widgets);
    if (connected.connected !== options.widgets) {
      throw new Error(`only ${connected.connected} of ${options.widgets} widgets connected: ${connected.firstError}`);
    }
    const current = swarm;
    widgets = { count: options.widgets, siteId: site.id, received: async () => (await current.count()).received };
  }

  const reference = new Database(path.join(dir, 'reference.db'));
  reference.pragma('journal_mode = WAL');
  reference.pragma('synchronous = NORMAL');
  reference.exec(
    'CREATE TABLE IF NOT EXISTS deliveries (id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, body TEXT NOT NULL)',
  );
  const insert = reference.prepare('INSERT INTO deliveries (received_at, body) VALUES (?, ?)');

  return {
    db,
    storage,
    app,
    notification,
    hookPath: `/hooks/${notification.ingestToken}`,
    senders: createSenderIndex(ALL_SENDER_PROFILES),
    geo,
    logger,
    limiter: createTokenBucketLimiter({
      ratePerSecond: LIFTED.webhookRatePerSecond,
      burst: LIFTED.webhookBurst,
      clock: systemClock,
    }),
    pushes,
    widgets,
    checkpoint() {
      checkpointer.pragma('wal_checkpoint(PASSIVE)');
    },
    bareInsert(text, receivedAt) {
      insert.run(receivedAt, text);
    },
    async close() {
      await swarm?.close();
      app.realtime.close();
      await new Promise<void>((resolve) => app.io.close(() => resolve()));
      checkpointer.close();
      reference.close();
      db.close();
      // Also under a test runner, whose workers may end without the process exit that clears temp dirs.
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listen(app: ProofhookApp): Promise<string> {
  return new Promise((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(0, '127.0.0.1', () => {
      const address = app.httpServer.address();
      if (address === null || typeof address !== 'object') reject(new Error('no address'));
      else resolve(`http://127.0.0.1:${address.port}`);
    });
  });
}
