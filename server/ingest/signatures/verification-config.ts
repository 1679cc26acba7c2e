// What a notification stores to verify its webhooks: one scheme, its secrets and options (admin input).
import { z } from 'zod';
import { standardWebhooksKey } from './standard-webhooks.ts';

/** Up to five at once so a secret can be rotated without dropping deliveries signed with the old one. */
export const MAX_SECRETS = 5;

/** Shown in place of the hidden part of a secret; a value containing it was copied from a redacted view. */
export const REDACTION_MARK = '…';

const secret = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(1024, 'must be at most 1024 characters')
  .refine((value) => !value.includes(REDACTION_MARK), 'looks redacted (contains …): paste the full secret');

const secrets = z.array(secret).min(1, 'needs at least one secret').max(MAX_SECRETS, `at most ${MAX_SECRETS} secrets`);

// RFC 9110 §5.6.2 token characters; stored lower-cased because Node lower-cases incoming names.
const headerName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP header name such as x-signature')
  .toLowerCase();

// Standard Webhooks keys are base64 after an optional `whsec_` prefix; a key that does not decode
// would fail every delivery, so say so when it is saved instead.
const standardWebhooksSecret = secret.refine(
  (value) => standardWebhooksKey(value).length > 0,
  'must be whsec_ followed by base64',
);

export type PresetScheme =
  | 'stripe'
  | 'shopify'
  | 'woocommerce'
  | 'github'
  | 'typeform'
  | 'lemon-squeezy'
  | 'paddle'
  | 'calendly';

/** Providers whose format is fixed: only the secrets vary. */
function preset<S extends PresetScheme>(scheme: S) {
  return z.object({ scheme: z.literal(scheme), secrets });
}

const standardWebhooksSchema = z.object({
  scheme: z.literal('standard-webhooks'),
  secrets: z
    .array(standardWebhooksSecret)
    .min(1, 'needs at least one secret')
    .max(MAX_SECRETS, `at most ${MAX_SECRETS} secrets`),
});

const hmacSchema = z
  .object({
    scheme: z.literal('hmac'),
    secrets,
    header: headerName,
    algorithm: z.enum(['sha1', 'sha256', 'sha512']),
    encoding: z.enum(['hex', 'base64']),
    /** Text before the signature in the header, such as `sha256=`; compared exactly. */
    prefix: z.string().max(32).optional(),
    signed: z.enum(['body', 'timestamp-body']),
    timestampHeader: headerName.optional(),
    /** Between the timestamp and the body when `signed` is `timestamp-body`; `.` when absent. */
    separator: z.string().max(16).optional(),
  })
  .refine((value) => value.signed !== 'timestamp-body' || value.timestampHeader !== undefined, {
    message: 'is required when the signed content includes a timestamp',
    path: ['timestampHeader'],
  });

const sharedSecretSchema = z.object({ scheme: z.literal('shared-secret'), secrets, header: headerName });

// RFC 7617 §2: the user-id cannot contain a colon, the first colon ends it.
const basicAuthSchema = z.object({
  scheme: z.literal('basic-auth'),
  username: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(256)
    .refine((value) => !value.includes(':'), 'must not contain a colon'),
  /** The accepted passwords (several during a change of password). */
  secrets,
});

export const verificationConfigSchema = z.discriminatedUnion('scheme', [
  standardWebhooksSchema,
  preset('stripe'),
  preset('shopify'),
  preset('woocommerce'),
  preset('github'),
  preset('typeform'),
  preset('lemon-squeezy'),
  preset('paddle'),
  preset('calendly'),
  hmacSchema,
  sharedSecretSchema,
  basicAuthSchema,
]);

export type VerificationConfig = z.infer<typeof verificationConfigSchema>;
export type VerificationScheme = VerificationConfig['scheme'];
export type HmacVerificationConfig = Extract<VerificationConfig, { scheme: 'hmac' }>;
