// Every Prometheus metric one Proofhook process exposes, in a registry of its own (never prom-client's
// global one): createApp builds one when index.ts does not hand it one, so two apps in one process
// (the tests) never count into each other. The names are what deploy/grafana-dashboard.json and
// docs/production.md use; change them together.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds: a sender waits 5 s at most (a store platform retries after that), so the buckets end there. */
const ACK_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Group commit takes at most MAX_BATCH (256) writes per transaction. */
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];
const PUSH_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export interface MetricsOptions {
  /** Labels every series with `worker="<n>"`, so the supervisor's sum keeps each worker apart. */
  worker?: number;
  /**
   * prom-client's default metrics (event-loop lag, CPU, memory, GC); on unless false. They cannot be
   * stopped (the lag monitor samples every 10 ms for the life of the process), so an app made only
   * for a test leaves them out.
   */
  runtime?: boolean;
}

export interface WebhookAnswer {
  /** A delivery outcome (accepted, duplicate, …) or why none was recorded (unknown-webhook, rate-limited, …). */
  outcome: string;
  status: number;
  ackMs: number;
}

export function createMetrics(options: MetricsOptions = {}) {
  const registry = new Registry();
  if (options.worker !== undefined) registry.setDefaultLabels({ worker: String(options.worker) });
  // Process and runtime metrics, among them nodejs_eventloop_lag_seconds and its percentiles.
  if (options.runtime !== false) collectDefaultMetrics({ register: registry });

  const webhooks = new Counter({
    name: 'proofhook_webhooks_total',
    help: 'Webhook requests answered, by outcome and HTTP status',
    labelNames: ['outcome', 'status'] as const,
    registers: [registry],
  });
  const ackSeconds = new Histogram({
    name: 'proofhook_webhook_ack_seconds',
    help: 'Time from a webhook request reaching the server to its reply being written',
    buckets: ACK_BUCKETS_SECONDS,
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: 'proofhook_group_commit_batch_size',
    help: 'Writes committed together in one SQLite group-commit transaction',
    buckets: BATCH_BUCKETS,
    registers: [registry],
  });
  const pushSeconds = new Histogram({
    name: 'proofhook_push_seconds',
    help: "Time from a webhook's reply to its conversion being emitted to this process's widgets",
    buckets: PUSH_BUCKETS_SECONDS,
    registers: [registry],
  });
  const storageErrors = new Counter({
    name: 'proofhook_storage_errors_total',
    help: 'Storage calls that failed (the database unreachable, full, locked past its timeout, …)',
    registers: [registry],
  });
  const redisErrors = new Counter({
    name: 'proofhook_redis_errors_total',
    help: "Errors reported by this process's Redis connections",
    registers: [registry],
  });
  let countWidgets: () => number = () => 0;
  new Gauge({
    name: 'proofhook_widgets_connected',
    help: 'Widgets connected to this process (preview widgets included)',
    registers: [registry],
    collect() {
      this.set(countWidgets());
    },
  });

  return {
    registry,
    webhookAnswered(answer: WebhookAnswer) {
      webhooks.inc({ outcome: answer.outcome, status: String(answer.status) });
      ackSeconds.observe(answer.ackMs / 1000);
    },
    commitBatch(size: number) {
      batchSize.observe(size);
    },
    pushed(ms: number) {
      pushSeconds.observe(ms / 1000);
    },
    storageError() {
      storageErrors.inc();
    },
    redisError() {
      redisErrors.inc();
    },
    /** Read at each scrape: the realtime side knows its sockets, the registry does not. */
    countWidgetsWith(count: () => number) {
      countWidgets = count;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
