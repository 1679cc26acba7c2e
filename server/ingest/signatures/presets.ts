// The fixed signature formats of the providers we have presets for, as data shared by verify and sign.
import type { HmacAlgorithm, SignatureEncoding } from './digest.ts';
import type { PresetScheme } from './verification-config.ts';

/** An HMAC of the raw body alone, in one header. No timestamp is signed, so replays are not detectable. */
export interface BodyHmacFormat {
  header: string;
  algorithm: HmacAlgorithm;
  encoding: SignatureEncoding;
  /** Literal text before the signature, such as `sha256=`. */
  prefix: string;
}

/**
 * A `key=value` list carrying a timestamp and one or more signatures (several while the sender rotates
 * its secret), each a hex HMAC-SHA256 of `timestamp + contentSeparator + body`.
 */
export interface TimestampedFormat {
  header: string;
  pairSeparator: ',' | ';';
  timestampKey: string;
  signatureKey: string;
  contentSeparator: string;
}

export type BodyHmacPreset = 'shopify' | 'woocommerce' | 'github' | 'typeform' | 'lemon-squeezy';
export type TimestampedPreset = Exclude<PresetScheme, BodyHmacPreset>;

// Secrets are used as their UTF-8 text by every preset (none base64-decodes its secret).
export const BODY_HMAC_PRESETS: Record<BodyHmacPreset, BodyHmacFormat> = {
  // https://shopify.dev/docs/apps/build/webhooks/subscribe/https (also the store admin's own webhooks)
  shopify: { header: 'x-shopify-hmac-sha256', algorithm: 'sha256', encoding: 'base64', prefix: '' },
  // https://woocommerce.github.io/woocommerce-rest-api-docs/#webhooks (WC_Webhook::generate_signature)
  woocommerce: { header: 'x-wc-webhook-signature', algorithm: 'sha256', encoding: 'base64', prefix: '' },
  // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
  github: { header: 'x-hub-signature-256', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' },
  // https://www.typeform.com/developers/webhooks/secure-your-webhooks/
  typeform: { header: 'typeform-signature', algorithm: 'sha256', encoding: 'base64', prefix: 'sha256=' },
  // https://docs.lemonsqueezy.com/help/webhooks/signing-requests
  'lemon-squeezy': { header: 'x-signature', algorithm: 'sha256', encoding: 'hex', prefix: '' },
};

export const TIMESTAMPED_PRESETS: Record<TimestampedPreset, TimestampedFormat> = {
  // https://docs.stripe.com/webhooks/signature: the whsec_ secret is the key as text, not base64.
  stripe: {
    header: 'stripe-signature',
    pairSeparator: ',',
    timestampKey: 't',
    signatureKey: 'v1',
    contentSeparator: '.',
  },
  // https://developer.paddle.com/webhooks/signature-verification (Paddle Billing, not Classic's RSA).
  paddle: {
    header: 'paddle-signature',
    pairSeparator: ';',
    timestampKey: 'ts',
    signatureKey: 'h1',
    contentSeparator: ':',
  },
  // https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures
  calendly: {
    header: 'calendly-webhook-signature',
    pairSeparator: ',',
    timestampKey: 't',
    signatureKey: 'v1',
    contentSeparator: '.',
  },
};

export function isBodyHmacPreset(scheme: string): scheme is BodyHmacPreset {
  return Object.hasOwn(BODY_HMAC_PRESETS, scheme);
}

export function isTimestampedPreset(scheme: string): scheme is TimestampedPreset {
  return Object.hasOwn(TIMESTAMPED_PRESETS, scheme);
}
