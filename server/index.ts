// Entry point: readConfig → open storage (SQLite, or PostgreSQL + Redis) → migrate → createApp → listen;
// SIGTERM/SIGINT close everything. With WORKERS > 1 this process only starts and watches the workers.
import cluster from 'node:cluster';
import pino, { type Logger } from 'pino';
import { resolveAdminToken } from './auth/admin-token.ts';
import { createApp } from './app.ts';
import { joinClusterMetrics, serveClusterMetrics } from './cluster/cluster-metrics.ts';
import { trackHttpDrain } from './cluster/http-drain.ts';
import { startWorkers, workerCount } from './cluster/start-workers.ts';
import { systemClock } from './clock.ts';
import { type Config, ConfigError, readConfig } from './config.ts';
import { ensureDemoSite } from './demo/demo-site.ts';
import { readWidgetBundle } from './embed/widget-bundle.ts';
import { createGeoipLiteLookup } from './geo/geoip-lite.ts';
import { createMetrics } from './observability/metrics.ts';
import { projectPath } from './project-root.ts';
import { startRetentionSchedule } from './retention/retention-schedule.ts';
import { openStorage } from './storage/open-storage.ts';

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

function runPrimary(config: Config, logger: Logger) {
  // Generated here, once, so that every worker uses the same token and only one writes the file.
  const admin = resolveAdminToken(config.adminToken, config.dataDir);
  if (admin.generated) process.stdout.write(`\n  Admin token (shown once, kept in ${admin.file}): ${admin.token}\n`);
  startWorkers({
    count: workerCount(config.workers),
    env: { ADMIN_TOKEN: admin.token },
    logger,
    graceMs: SHUTDOWN_GRACE_MS + 2000,
  });
  // A scrape reaches one worker; it asks this process for every worker's metrics.
  serveClusterMetrics(logger);
}

async function runNode(config: Config, logger: Logger) {
  // First, so that storage's group commit and the Redis connections can count into it.
  const metrics = createMetrics(cluster.isWorker ? { worker: config.workerIndex } : {});
  // Loaded only when configured (see redis-scale-out.ts): start-up is one of the benchmark's figures.
  const scaleOut = config.redisUrl
    ? (await import('./cluster/redis-scale-out.ts')).openRedisScaleOut(config.redisUrl, config.redisPrefix, logger)
    : undefined;
  const redis = scaleOut?.redis;
  redis?.client.on('error', metrics.redisError);
  redis?.subscriber.on('error', metrics.redisError);
  const bus = scaleOut?.bus;
  const opened = await openStorage(config, { clock: systemClock, logger, bus, onCommitBatch: metrics.commitBatch });
  const { storage } = opened;
  const admin = resolveAdminToken(config.adminToken, config.dataDir);
  // The first worker sets up the demo, so that several workers never create two demo sites.
  const demo = config.demo && config.workerIndex === 0 ? await ensureDemoSite(storage) : undefined;
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
    sessions: opened.sessions,
    cluster: scaleOut?.appCluster(),
    metrics,
    readMetrics: cluster.isWorker ? joinClusterMetrics(metrics.registry) : undefined,
  });
  const drain = trackHttpDrain(httpServer);

  // Once per machine is enough: the purge's statements are idempotent, so machines running it at the
  // same time only repeat each other's work.
  const retention =
    config.workerIndex === 0 ? startRetentionSchedule(storage, systemClock, logger, config.retention) : undefined;

  httpServer.listen(config.port, config.host, () => {
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const base = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    logger.info(
      { port, storage: opened.kind, redis: Boolean(redis), worker: config.workerIndex, trustProxy: config.trustProxy },
      `Proofhook listening on ${base}`,
    );
    if (config.workerIndex !== 0) return;
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
    // Keep-alive clients are told to go (see http-drain.ts), and the server stops listening now:
    // io.close() would close it only after the cluster adapter has closed, which can take a while.
    drain.begin();
    const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    realtime.close();
    retention?.stop();
    // Both settle once every connection has closed (io.close() disconnects the widgets), so every
    // webhook read before this point has been stored and answered.
    Promise.all([httpClosed, io.close()])
      .then(async () => {
        await opened.close().catch((error: Error) => logger.warn({ err: error }, 'closing storage failed'));
        await redis?.close();
        logger.info('closed');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function main() {
  const config = readConfigOrExit();
  const logger = pino({ level: config.logLevel });
  if (config.workers !== 1 && cluster.isPrimary) runPrimary(config, logger);
  else await runNode(config, logger);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
