// Verifies a delivery's signature or credentials for its notification's scheme: pure, over the raw bytes.
//
// Built on node:crypto, not on the `standardwebhooks` npm package: that package turns the body into a
// UTF-8 string before signing it (bytes that are not UTF-8, as in a windows-1252 form post, then hash
// differently from what the sender signed), JSON-parses the payload once verified (a form body throws),
// reads the clock itself and covers one of our twelve schemes. Each scheme here is a few lines of HMAC.
//
// Every comparison is constant-time (crypto.timingSafeEqual on equal-length buffers); a signed timestamp
// must be within SIGNATURE_TOLERANCE_MS of `now` in either direction. What to do with a failure (401 or
// quarantine) is the route's choice; this module only says why, never quoting a secret or a signature.
import { verifyBasicAuth } from './basic-auth.ts';
import { singleHeaderHmacFormat, verifySingleHeaderHmac } from './hmac.ts';
import { TIMESTAMPED_PRESETS } from './presets.ts';
import { verifySharedSecret } from './shared-secret.ts';
import type { SignedRequest } from './signed-request.ts';
import { STANDARD_WEBHOOKS_SECRET_PREFIX, verifyStandardWebhooks } from './standard-webhooks.ts';
import { verifyTimestamped } from './timestamped.ts';
import { REDACTION_MARK, type VerificationConfig, type VerificationScheme } from './verification-config.ts';

export { SIGNATURE_TOLERANCE_MS } from './timestamp.ts';
export type { SignedRequest } from './signed-request.ts';

export type VerificationResult = { ok: true; scheme: string } | { ok: false; scheme: string; reason: string };

export function verifySignature(config: VerificationConfig, request: SignedRequest): VerificationResult {
  // An empty key makes an HMAC anyone can compute: fail closed if one slipped past validation.
  const secrets = config.secrets.filter((secret) => secret.length > 0);
  const reason = secrets.length === 0 ? 'no secret configured' : failureReason(config, secrets, request);
  return reason === undefined ? { ok: true, scheme: config.scheme } : { ok: false, scheme: config.scheme, reason };
}

function failureReason(config: VerificationConfig, secrets: string[], request: SignedRequest): string | undefined {
  switch (config.scheme) {
    case 'standard-webhooks':
      return verifyStandardWebhooks(secrets, request);
    case 'stripe':
    case 'paddle':
    case 'calendly':
      return verifyTimestamped(TIMESTAMPED_PRESETS[config.scheme], secrets, request);
    case 'shopify':
    case 'woocommerce':
    case 'github':
    case 'typeform':
    case 'lemon-squeezy':
    case 'hmac':
      return verifySingleHeaderHmac(singleHeaderHmacFormat(config), secrets, request);
    case 'shared-secret':
      return verifySharedSecret(config.header, secrets, request);
    case 'basic-auth':
      return verifyBasicAuth(config.username, secrets, request);
  }
}

export interface SchemeDescription {
  label: string;
  /** Headers the sender sets, as its docs spell them; empty where the notification names the header. */
  headers: string[];
  /** What is signed and how the signature is written, for the admin UI. */
  signedContent: string;
  docsUrl: string | undefined;
}

/** For the admin UI and docs: what each scheme expects. */
export const VERIFICATION_SCHEMES: Record<VerificationScheme, SchemeDescription> = {
  'standard-webhooks': {
    label: 'Standard Webhooks (Svix, Clerk, Resend…)',
    headers: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
    signedContent: 'HMAC-SHA256 of id.timestamp.body keyed by the base64 after whsec_; "v1,<base64>", space-separated',
    docsUrl: 'https://www.standardwebhooks.com/',
  },
  stripe: {
    label: 'Stripe',
    headers: ['Stripe-Signature'],
    signedContent: 'HMAC-SHA256 of timestamp.body, hex: "t=<timestamp>,v1=<hex>"',
    docsUrl: 'https://docs.stripe.com/webhooks/signature',
  },
  shopify: {
    label: 'Shopify',
    headers: ['X-Shopify-Hmac-Sha256'],
    signedContent: 'HMAC-SHA256 of the body, base64',
    docsUrl: 'https://shopify.dev/docs/apps/build/webhooks/subscribe/https',
  },
  woocommerce: {
    label: 'WooCommerce',
    headers: ['X-WC-Webhook-Signature'],
    signedContent: 'HMAC-SHA256 of the body, base64',
    docsUrl: 'https://woocommerce.github.io/woocommerce-rest-api-docs/#webhooks',
  },
  github: {
    label: 'GitHub-style (X-Hub-Signature-256)',
    headers: ['X-Hub-Signature-256'],
    signedContent: 'HMAC-SHA256 of the body, hex: "sha256=<hex>"',
    docsUrl: 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries',
  },
  typeform: {
    label: 'Typeform',
    headers: ['Typeform-Signature'],
    signedContent: 'HMAC-SHA256 of the body, base64: "sha256=<base64>"',
    docsUrl: 'https://www.typeform.com/developers/webhooks/secure-your-webhooks/',
  },
  'lemon-squeezy': {
    label: 'Lemon Squeezy',
    headers: ['X-Signature'],
    signedContent: 'HMAC-SHA256 of the body, hex',
    docsUrl: 'https://docs.lemonsqueezy.com/help/webhooks/signing-requests',
  },
  paddle: {
    label: 'Paddle Billing',
    headers: ['Paddle-Signature'],
    signedContent: 'HMAC-SHA256 of timestamp:body, hex: "ts=<timestamp>;h1=<hex>"',
    docsUrl: 'https://developer.paddle.com/webhooks/signature-verification',
  },
  calendly: {
    label: 'Calendly',
    headers: ['Calendly-Webhook-Signature'],
    signedContent: 'HMAC-SHA256 of timestamp.body, hex: "t=<timestamp>,v1=<hex>"',
    docsUrl: 'https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures',
  },
  hmac: {
    label: 'Custom HMAC',
    headers: [],
    signedContent: 'HMAC (SHA-1/256/512) of the body, or of timestamp + separator + body; hex or base64',
    docsUrl: undefined,
  },
  'shared-secret': {
    label: 'Shared secret in a header',
    headers: [],
    signedContent: 'nothing signed: the header carries the secret itself',
    docsUrl: undefined,
  },
  'basic-auth': {
    label: 'HTTP Basic authentication',
    headers: ['Authorization'],
    signedContent: 'nothing signed: username and password, as in https://user:password@host/…',
    docsUrl: 'https://www.rfc-editor.org/rfc/rfc7617',
  },
};

type Redacted<T> = T extends { secrets: string[] } ? Omit<T, 'secrets'> & { secrets: string[] } : never;
/** A config whose secrets are masked; the schema rejects it back (masked secrets contain the mark). */
export type RedactedVerificationConfig = Redacted<VerificationConfig>;

/** Masks secrets for display in the admin API (e.g. 'whsec_…a1b2'). */
export function redactVerificationConfig(config: VerificationConfig): RedactedVerificationConfig {
  return { ...config, secrets: config.secrets.map(maskSecret) };
}

// Providers' fixed labels tell secrets apart and are not secret. Only known ones: a user's own secret
// such as "shop_secret_…" must not have its first word shown.
const LABELS = [STANDARD_WEBHOOKS_SECRET_PREFIX, 'pdl_ntfset_'];
/** Below this many characters after the label, showing the last four would give away too much of it. */
const MIN_LENGTH_TO_SHOW_END = 16;

export function maskSecret(secret: string): string {
  const label = LABELS.find((known) => secret.startsWith(known)) ?? '';
  const rest = secret.slice(label.length);
  const end = rest.length >= MIN_LENGTH_TO_SHOW_END ? rest.slice(-4) : '';
  return `${label}${REDACTION_MARK}${end}`;
}
