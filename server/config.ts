// Reads and validates configuration from the environment: the only module that touches process.env.
import { z } from 'zod';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import type { RetentionSettings } from './retention/purge-expired-data.ts';
import { type TrustProxy, parseTrustProxy } from './trust-proxy.ts';

/** A site's delivery log keeps this many MiB of stored requests before the oldest are trimmed. */
export const DEFAULT_DELIVERY_LOG_MB_PER_SITE = 512;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: optionalText.transform((value) => value ?? '0.0.0.0'),
  DATA_DIR: optionalText.transform((value) => value ?? './data'),
  PUBLIC_URL: optionalText.pipe(
    z
      .string()
      .url({ message: 'must be an absolute http(s) URL such as https://proof.example.com' })
      .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
      .optional(),
  ),
  ADMIN_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  // A scraper's own token for /metrics, so Prometheus never holds the admin token (which still works).
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  // Unset: on for a try-out (`npm start` on a fresh clone), off when NODE_ENV=production.
  DEMO: z.enum(['true', 'false', '1', '0', '']).optional(),
  NODE_ENV: optionalText,
  TRUST_PROXY: optionalText.transform((value, context) => {
    const parsed = parseTrustProxy(value);
    if ('value' in parsed) return parsed.value;
    context.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }),
  WEBHOOK_RATE_PER_SECOND: z.coerce.number().positive().max(100_000).default(DEFAULT_LIMITS.webhookRatePerSecond),
  WEBHOOK_BURST: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_LIMITS.webhookBurst),
  WIDGETS_PER_IP: z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_LIMITS.widgetsPerIp),
  WIDGETS_PER_SITE: z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_LIMITS.widgetsPerSite),
  RETENTION_BODY_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RETENTION_CONVERSION_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
  DELIVERY_LOG_MB_PER_SITE: z.coerce.number().int().min(0).max(10_000_000).default(DEFAULT_DELIVERY_LOG_MB_PER_SITE),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .refine((value) => /^postgres(ql)?:\/\/./.test(value), 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .refine((value) => /^rediss?:\/\/./.test(value), 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  REDIS_PREFIX: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1-64 letters, digits, _ . : or -')
      .default('proofhook'),
  ),
  WORKERS: optionalText.pipe(
    z
      .string()
      .regex(/^(auto|[1-9][0-9]{0,2})$/, 'must be auto or a whole number from 1 to 999')
      .default('1'),
  ),
  // Set by the primary process for each worker it starts (server/cluster/start-workers.ts); not for operators.
  PROOFHOOK_WORKER_INDEX: z.coerce.number().int().min(0).max(998).default(0),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Base URL printed in webhook URLs and snippets; undefined means "derive from the request". */
  publicUrl: string | undefined;
  /** Undefined means "generate one on first start and keep it in the data dir". */
  adminToken: string | undefined;
  logLevel: string;
  /** Bearer token for /metrics besides the admin token; undefined: the admin token only. */
  metricsToken: string | undefined;
  /** Create and serve the built-in demo site and its public webhook (default: on unless NODE_ENV=production). */
  demo: boolean;
  /** Which peers may name the client in X-Forwarded-For: login limits, widget caps and logs use that address. */
  trustProxy: TrustProxy;
  /** Bytes of stored requests a site's delivery log keeps before its oldest are dropped; 0 = no budget. */
  deliveryLogBytesPerSite: number;
  retention: RetentionSettings;
  limits: Limits;
  /** PostgreSQL instead of the embedded SQLite file; required for more than one process. */
  databaseUrl: string | undefined;
  /** Redis for cross-process fan-out, admin sessions' propagation and the live inspector. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so installs (and test runs) can share one Redis. */
  redisPrefix: string;
  /** Processes to run on this machine: a number, or 'auto' for one per core. */
  workers: number | 'auto';
  /** 0 for a single process and for the first worker, which also runs the once-per-machine chores. */
  workerIndex: number;
}

export class ConfigError extends Error {}

/** Validates the environment once; throws a ConfigError whose message is one readable line. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const value = parsed.data;
  const workers = value.WORKERS === 'auto' ? 'auto' : Number(value.WORKERS);
  // Several processes need one database and one fan-out they all see: with SQLite or per-process
  // pushes, a webhook taken by one worker would never reach the widgets connected to another.
  if (workers !== 1 && !(value.DATABASE_URL && value.REDIS_URL)) {
    throw new ConfigError(
      `Invalid configuration: WORKERS=${value.WORKERS} needs DATABASE_URL (PostgreSQL) and REDIS_URL; without them run WORKERS=1`,
    );
  }
  // Nodes that share Redis but not a database would push each other's conversions with clashing ids.
  if (value.REDIS_URL && !value.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration: REDIS_URL needs DATABASE_URL: nodes that share Redis must share one PostgreSQL database',
    );
  }
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: value.DATA_DIR,
    publicUrl: value.PUBLIC_URL?.replace(/\/+$/, ''),
    adminToken: value.ADMIN_TOKEN,
    logLevel: value.LOG_LEVEL,
    metricsToken: value.METRICS_TOKEN,
    demo:
      value.DEMO === undefined || value.DEMO === '' ? value.NODE_ENV !== 'production' : /^(true|1)$/.test(value.DEMO),
    trustProxy: value.TRUST_PROXY,
    deliveryLogBytesPerSite: value.DELIVERY_LOG_MB_PER_SITE * 1024 * 1024,
    retention: { bodyDays: value.RETENTION_BODY_DAYS, conversionDays: value.RETENTION_CONVERSION_DAYS },
    limits: {
      webhookRatePerSecond: value.WEBHOOK_RATE_PER_SECOND,
      webhookBurst: value.WEBHOOK_BURST,
      widgetsPerIp: value.WIDGETS_PER_IP,
      widgetsPerSite: value.WIDGETS_PER_SITE,
    },
    databaseUrl: value.DATABASE_URL,
    redisUrl: value.REDIS_URL,
    redisPrefix: value.REDIS_PREFIX,
    workers,
    workerIndex: value.PROOFHOOK_WORKER_INDEX,
  };
}
