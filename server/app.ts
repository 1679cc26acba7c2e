// createApp(deps): wires every feature into one Express app, HTTP server and Socket.IO server.
// It never listens and never reads the environment; index.ts and the tests do that.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { type ServerOptions, Server as SocketServer } from 'socket.io';
import { WIDGET_NAMESPACE } from '../shared/protocol.ts';
import { createAdminAuth } from './auth/admin-auth.ts';
import { createAdminRouter } from './admin/admin.router.ts';
import { createDeliveryFeed } from './deliveries/delivery-feed.ts';
import { createDeliveryStreamRouter } from './deliveries/delivery-stream.routes.ts';
import { createOverviewRouter } from './admin/overview.routes.ts';
import { createPreviewLinkRouter } from './preview/preview-link.routes.ts';
import { requireAdmin } from './auth/require-admin-token.ts';
import type { SessionStore } from './auth/session-store.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createConversionsRouter } from './conversions/conversions.routes.ts';
import { createEraseRouter } from './conversions/erase.routes.ts';
import { createDemoRouter } from './demo/demo.routes.ts';
import { createEmbedRouter } from './embed/embed.routes.ts';
import { type WidgetBundle, embedSnippet, widgetScriptUrl } from './embed/widget-bundle.ts';
import { HttpError, createErrorHandler } from './errors.ts';
import type { GeoLookup } from './geo/geo.types.ts';
import { createGoalsRouter } from './goals/goals.routes.ts';
import { createImportsRouter } from './imports/imports.router.ts';
import { createCaptureRulesRouter } from './capture/capture-rules.routes.ts';
import { createFormCapture } from './capture/form-capture.ts';
import { createDeliveriesRouter } from './deliveries/deliveries.routes.ts';
import type { WebhookDeps } from './ingest/handle-webhook.ts';
import { createWebhookHandler } from './ingest/ingest.routes.ts';
import { createTokenBucketLimiter } from './ingest/rate-limiter.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import { createReplayRouter } from './deliveries/replay.routes.ts';
import { createTestWebhookRouter } from './ingest/test-webhook.routes.ts';
import { createNotificationsRouter } from './notifications/notifications.routes.ts';
import { createOnboardingRouter } from './onboarding/onboarding.routes.ts';
import { countStorageErrors } from './observability/count-storage-errors.ts';
import { type Metrics, createMetrics } from './observability/metrics.ts';
import { createMetricsRouter } from './observability/metrics.routes.ts';
import { createReadinessRouter } from './observability/readiness.routes.ts';
import { tagRequest } from './observability/request-id.ts';
import { createWebhookObserver } from './observability/webhook-observer.ts';
import type { Site } from './notifications/site.types.ts';
import { publicBaseUrl } from './public-url.ts';
import { createWidgetSightings } from './onboarding/widget-sightings.ts';
import { createPreviewTokens } from './realtime/preview-token.ts';
import { type RealtimeCluster, attachWidgetNamespace } from './realtime/widget-namespace.ts';
import type { ClusterBus } from './cluster/cluster-bus.ts';
import { createSiteDesignRouter } from './notifications/site-design.routes.ts';
import { createSitesRouter } from './notifications/sites.routes.ts';
import { ALL_SENDER_PROFILES } from './senders/all-profiles.ts';
import { type SenderIndex, createSenderIndex } from './senders/sender-index.ts';
import { createDeliveryLogBudget } from './retention/delivery-log-budget.ts';
import { createStatsRouter } from './stats/stats.routes.ts';
import { createStoredEvents } from './stored-events.ts';
import type { Storage } from './storage/storage.ts';
import { type TrustFunction, clientAddressOf } from './trust-proxy.ts';

/** How long a client may take to send a request: a slow body must not hold a socket for minutes. */
export interface HttpTimeouts {
  headersMs: number;
  requestMs: number;
  /** How often Node looks for requests past those limits. */
  checkEveryMs: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 30_000, requestMs: 30_000, checkEveryMs: 5_000 };

export interface AppDeps {
  /**
   * `trustProxy` absent: no proxy is trusted; `demo` absent: /demo is served when a demo site exists;
   * `deliveryLogBytesPerSite` absent or 0: no storage budget. index.ts passes the whole Config.
   */
  config: Pick<Config, 'publicUrl'> &
    Partial<Pick<Config, 'trustProxy' | 'demo' | 'deliveryLogBytesPerSite' | 'metricsToken'>>;
  adminToken: string;
  storage: Storage;
  geo: GeoLookup;
  clock: Clock;
  logger: Logger;
  /** The built widget script; undefined serves a 503 telling the operator to build it. */
  widgetBundle?: WidgetBundle;
  /** Abuse limits; DEFAULT_LIMITS when absent. */
  limits?: Limits;
  /** Admin sessions; kept in this process's memory when absent. */
  sessions?: SessionStore;
  /** One of several processes: the Socket.IO cluster adapter, its connection state and the message bus. */
  cluster?: { adapter: ServerOptions['adapter']; realtime: RealtimeCluster; bus: ClusterBus };
  /** HTTP_TIMEOUTS when absent; tests shorten them. */
  httpTimeouts?: HttpTimeouts;
  /** This process's metrics registry (index.ts makes it first, for storage's group commit); a new one when absent. */
  metrics?: Metrics;
  /** What /metrics answers; this process's registry when absent (see server/cluster/cluster-metrics.ts). */
  readMetrics?: () => Promise<string>;
  /** Sender profiles; every profile in server/senders when absent. Tests bring one with a bug. */
  senders?: SenderIndex;
}

export function createApp(deps: AppDeps) {
  const { config, clock, logger } = deps;
  // Without index.ts's registry (tests), no runtime metrics: each would keep a 10 ms event-loop timer.
  const metrics = deps.metrics ?? createMetrics({ runtime: false });
  const storage = countStorageErrors(deps.storage, metrics.storageError);
  // Each webhook's log line and metrics, and the time from its reply to its push.
  const webhookObserver = createWebhookObserver({ metrics, logger });
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const app = express();
  // One answer to "who is the client?" for Express (req.ip: login limits; req.protocol: webhook URLs,
  // cookies), webhooks and widgets: only the proxies TRUST_PROXY names may speak for it.
  app.set('trust proxy', config.trustProxy ?? false);
  const trust = app.get('trust proxy fn') as TrustFunction;
  const budgetBytes = config.deliveryLogBytesPerSite ?? 0;
  // The admin inspector's live list: fed after each delivery commit, read as Server-Sent Events.
  const deliveryFeed = createDeliveryFeed({ storage, logger, bus: deps.cluster?.bus });
  // Ingest emits what it committed; the inspector's feed and (below) the widgets listen.
  const events = createStoredEvents(logger);
  events.on('delivery', deliveryFeed.publish);
  const webhookDeps: WebhookDeps = {
    storage,
    geo: deps.geo,
    clock,
    logger,
    rateLimiter: createTokenBucketLimiter({
      ratePerSecond: limits.webhookRatePerSecond,
      burst: limits.webhookBurst,
      clock,
    }),
    onConversion: (conversion, notification) => events.emit('conversion', conversion, notification),
    onDelivery: (result, notification) => events.emit('delivery', result, notification),
    onTestEvent: (event, notification) => events.emit('testEvent', event, notification),
    senders: deps.senders ?? createSenderIndex(ALL_SENDER_PROFILES),
    clientAddress: (req) => clientAddressOf(trust, { address: req.socket.remoteAddress ?? '', headers: req.headers }),
    logBudget: budgetBytes > 0 ? createDeliveryLogBudget({ storage, logger, budgetBytes }) : undefined,
  };

  // Webhooks first, before Express itself, helmet and every router (see ingest.routes.ts).
  const handleWebhookRequest = createWebhookHandler(webhookDeps, webhookObserver);
  const handleRequest: http.RequestListener = (req, res) => {
    const requestId = tagRequest(req, res);
    if (!handleWebhookRequest(req, res, requestId)) app(req, res);
  };
  const timeouts = deps.httpTimeouts ?? HTTP_TIMEOUTS;
  const httpServer = http.createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkEveryMs,
    },
    handleRequest,
  );
  const io = new SocketServer(httpServer, {
    serveClient: false,
    ...(deps.cluster ? { adapter: deps.cluster.adapter } : {}),
  });
  const previewTokens = createPreviewTokens(storage.settings, clock);
  // Captured sign-up forms are stored and pushed by the webhook path itself (docs/form-capture.md).
  const formCapture = createFormCapture(webhookDeps);
  const realtime = attachWidgetNamespace(io, {
    capture: formCapture,
    storage,
    clock,
    logger,
    limits,
    cluster: deps.cluster?.realtime,
    previewTokens,
    onWidgetSeen: createWidgetSightings({ settings: storage.settings, clock, logger }).widgetSeen,
    // Per-address widget caps and stats limits count the visitor a trusted proxy names, not the proxy.
    clientAddress: (handshake) => clientAddressOf(trust, handshake),
  });
  events.on('conversion', (conversion, notification) => {
    realtime
      .publishConversion(conversion, notification)
      .then(() => webhookObserver.pushed(conversion, performance.now()))
      .catch((error) => {
        logger.error({ err: error }, 'realtime: publishing a conversion failed');
      });
  });
  // Test events reach the site's preview widgets only (the admin's preview link).
  events.on('testEvent', (event, notification) => realtime.publishTestEvent(event, notification));
  metrics.countWidgetsWith(() => io.of(WIDGET_NAMESPACE).sockets.size);
  const adminAuth = createAdminAuth({
    adminToken: deps.adminToken,
    settings: storage.settings,
    clock,
    publicUrl: config.publicUrl,
    sessions: deps.sessions,
  });

  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(helmet());

  app.get('/healthz', async (_req, res) => {
    try {
      await storage.ping();
      // Redis away is no reason to take this process out of a load balancer: webhooks are still stored.
      res.json({ ok: true, ...(deps.cluster && { redis: deps.cluster.realtime.isConnected() ? 'up' : 'down' }) });
    } catch {
      res.status(503).set('Retry-After', '5').json({ ok: false });
    }
  });

  const redisConnected = deps.cluster?.realtime.isConnected;
  app.use(createReadinessRouter({ pingStorage: () => storage.ping(), redisConnected }));
  app.use(
    createMetricsRouter({
      auth: adminAuth,
      metricsToken: config.metricsToken,
      read: deps.readMetrics ?? (() => metrics.registry.metrics()),
      contentType: metrics.registry.contentType,
    }),
  );

  app.use(createEmbedRouter(deps.widgetBundle));
  app.use(createDemoRouter(storage, config.publicUrl, config.demo ?? true));
  app.use('/admin', createAdminRouter({ auth: adminAuth, storage, clock, countVisitors: realtime.countVisitors }));

  const siteView = (site: Site, req: express.Request) => {
    const base = publicBaseUrl(config.publicUrl, req);
    return {
      ...site,
      widgetScriptUrl: deps.widgetBundle ? widgetScriptUrl(base, deps.widgetBundle) : `${base}/widget.js`,
      embedSnippet: embedSnippet(base, deps.widgetBundle, site.widgetKey),
    };
  };

  const api = express.Router();
  api.use(requireAdmin(adminAuth));
  api.use(express.json({ limit: '256kb' }));
  api.use(createSitesRouter(storage, siteView));
  api.use(createNotificationsRouter(storage, config.publicUrl, realtime.pushConfig));
  api.use(createSiteDesignRouter(storage, realtime.pushConfig));
  api.use(createConversionsRouter(storage));
  api.use(createImportsRouter(webhookDeps));
  api.use(createCaptureRulesRouter(storage, formCapture.rules));
  api.use(createDeliveriesRouter(storage));
  api.use(createStatsRouter(storage, clock));
  api.use(createGoalsRouter(storage, clock));
  api.use(createReplayRouter(webhookDeps));
  api.use(createTestWebhookRouter(storage, clock, httpServer));
  api.use(createPreviewLinkRouter({ storage, previewTokens, publicUrl: config.publicUrl }));
  api.use(createEraseRouter(storage));
  api.use(createOverviewRouter(storage, clock));
  api.use(createOnboardingRouter(storage));
  api.use(createDeliveryStreamRouter(storage, deliveryFeed, adminAuth));
  api.use((req, _res, next) => next(new HttpError(404, 'not-found', `No API route ${req.method} ${req.path}`)));
  app.use('/api', api);

  app.use((req, _res, next) => next(new HttpError(404, 'not-found', `Nothing at ${req.method} ${req.path}`)));
  app.use(createErrorHandler(logger));

  // Closing the realtime side also ends the admins' live streams, so the HTTP server can close.
  const close = () => {
    realtime.close();
    deliveryFeed.close();
  };
  // `app` is the whole HTTP side as one request listener (what supertest and the server use).
  return { app: handleRequest, httpServer, io, realtime: { ...realtime, close }, metrics };
}

export type ProofhookApp = ReturnType<typeof createApp>;
