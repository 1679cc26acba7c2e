// Reads and validates configuration from the environment: the only module that touches process.env.
import { z } from 'zod';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import type { RetentionSettings } from './retention/purge-expired-data.ts';

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
  DEMO: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((value) => value !== 'false' && value !== '0'),
  WEBHOOK_RATE_PER_SECOND: z.coerce.number().positive().max(100_000).default(DEFAULT_LIMITS.webhookRatePerSecond),
  WEBHOOK_BURST: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_LIMITS.webhookBurst),
  WIDGETS_PER_IP: z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_LIMITS.widgetsPerIp),
  WIDGETS_PER_SITE: z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_LIMITS.widgetsPerSite),
  RETENTION_BODY_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RETENTION_CONVERSION_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  /** Serve /demo with a built-in demo site (on by default; DEMO=false in production). */
  demo: boolean;
  retention: RetentionSettings;
  limits: Limits;
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
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: value.DATA_DIR,
    publicUrl: value.PUBLIC_URL?.replace(/\/+$/, ''),
    adminToken: value.ADMIN_TOKEN,
    logLevel: value.LOG_LEVEL,
    demo: value.DEMO,
    retention: { bodyDays: value.RETENTION_BODY_DAYS, conversionDays: value.RETENTION_CONVERSION_DAYS },
    limits: {
      webhookRatePerSecond: value.WEBHOOK_RATE_PER_SECOND,
      webhookBurst: value.WEBHOOK_BURST,
      widgetsPerIp: value.WIDGETS_PER_IP,
      widgetsPerSite: value.WIDGETS_PER_SITE,
    },
  };
}
