// Entry point: readConfig → openDatabase → migrate → createApp → listen; SIGTERM/SIGINT close everything.
import path from 'node:path';
import pino from 'pino';
import { resolveAdminToken } from './admin/admin-token.ts';
import { createApp } from './app.ts';
import { systemClock } from './clock.ts';
import { type Config, ConfigError, readConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openDatabase } from './db/open-database.ts';
import { ensureDemoSite } from './demo/demo-site.ts';
import { readWidgetBundle } from './embed/widget-bundle.ts';
import { createGeoipLiteLookup } from './geo/geoip-lite.ts';
import { projectPath } from './project-root.ts';
import { startRetentionSchedule } from './retention/retention-schedule.ts';
import { createSqliteStorage } from './storage.ts';

const SHUTDOWN_GRACE_MS = 10_000;

function readConfigOrExit(): Config {
  try {
    return readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main() {
  const config = readConfigOrExit();
  const logger = pino({ level: config.logLevel });
  const db = openDatabase(path.join(config.dataDir, 'proofhook.db'));
  migrate(db);
  const storage = createSqliteStorage(db, systemClock);
  const admin = resolveAdminToken(config.adminToken, config.dataDir);
  const demo = config.demo ? await ensureDemoSite(storage) : undefined;
  const widgetBundle = readWidgetBundle(projectPath('dist/widget/widget.js'));
  if (!widgetBundle) logger.warn('dist/widget/widget.js is missing: run `npm run build` to serve the widget');
  const { httpServer, io, realtime } = createApp({
    config,
    adminToken: admin.token,
    storage,
    geo: createGeoipLiteLookup(),
    clock: systemClock,
    logger,
    widgetBundle,
    limits: config.limits,
  });

  const retention = startRetentionSchedule(storage, systemClock, logger, config.retention);

  httpServer.listen(config.port, config.host, () => {
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const base = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    logger.info({ port, dataDir: config.dataDir }, `Proofhook listening on ${base}`);
    const tokenLine = admin.generated
      ? `Admin token (shown once, kept in ${admin.file}): ${admin.token}`
      : `Admin token: ${admin.file ? `in ${admin.file}` : 'from ADMIN_TOKEN'}`;
    // Plain lines for the person who just ran `npm start`, next to the JSON logs.
    const demoLines = demo
      ? `  Demo page: ${base}/demo\n  Demo webhook: ${base}/hooks/${demo.notification.ingestToken}\n`
      : '';
    process.stdout.write(`\n  Proofhook is running: ${base}\n  Admin: ${base}/admin\n  ${tokenLine}\n${demoLines}\n`);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.warn('shutdown grace period over; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    // io.close() also closes the HTTP server; in-flight webhooks finish before the callback.
    realtime.close();
    retention.stop();
    io.close(() => {
      db.close();
      logger.info('closed');
      process.exit(0);
    });
    httpServer.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
