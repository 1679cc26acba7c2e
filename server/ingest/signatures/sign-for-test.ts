// Builds the headers a sender would add, for tests and the admin "Send test" button.
import { signBasicAuth } from './basic-auth.ts';
import { signSingleHeaderHmac, singleHeaderHmacFormat } from './hmac.ts';
import { TIMESTAMPED_PRESETS } from './presets.ts';
import { signSharedSecret } from './shared-secret.ts';
import { signStandardWebhooks } from './standard-webhooks.ts';
import { signTimestamped } from './timestamped.ts';
import type { VerificationConfig } from './verification-config.ts';

export interface SignForTestOptions {
  /**
   * The secrets to sign with instead of the config's first. Schemes whose header carries several
   * signatures (Standard Webhooks, Stripe, Paddle, Calendly) use them all, as a sender rotating its
   * secret does; the others use the first.
   */
  secrets?: readonly string[];
  /** The Standard Webhooks message id; a fixed one by default. */
  webhookId?: string;
}

export const TEST_WEBHOOK_ID = 'msg_proofhook_test';

/** Lower-cased headers that make `body`, sent at `now` (epoch ms), verify under `config`. */
export function signForTest(
  config: VerificationConfig,
  body: Buffer | string,
  now: number,
  options: SignForTestOptions = {},
): Record<string, string> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const secrets = options.secrets ?? config.secrets.slice(0, 1);
  const [first] = secrets;
  if (first === undefined) throw new Error('signForTest needs a secret');
  switch (config.scheme) {
    case 'standard-webhooks':
      return signStandardWebhooks(secrets, options.webhookId ?? TEST_WEBHOOK_ID, bytes, now);
    case 'stripe':
    case 'paddle':
      return signTimestamped(TIMESTAMPED_PRESETS[config.scheme], secrets, bytes, now);
    case 'calendly':
      // Calendly documents a single v1 (one signing key per subscription).
      return signTimestamped(TIMESTAMPED_PRESETS[config.scheme], [first], bytes, now);
    case 'shopify':
    case 'woocommerce':
    case 'github':
    case 'typeform':
    case 'lemon-squeezy':
    case 'hmac':
      return signSingleHeaderHmac(singleHeaderHmacFormat(config), first, bytes, now);
    case 'shared-secret':
      return signSharedSecret(config.header, first);
    case 'basic-auth':
      return signBasicAuth(config.username, first);
  }
}
