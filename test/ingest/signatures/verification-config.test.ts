// The admin-facing side: config validation, the scheme catalogue and secret redaction.
import { describe, expect, test } from 'vitest';
import {
  type VerificationConfig,
  verificationConfigSchema,
} from '../../../server/ingest/signatures/verification-config.ts';
import {
  VERIFICATION_SCHEMES,
  maskSecret,
  redactVerificationConfig,
} from '../../../server/ingest/signatures/verify-signature.ts';
import { SCHEME_CASES, SECRETS } from './scheme-cases.ts';

function issues(input: unknown): string[] {
  const result = verificationConfigSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const schemes = verificationConfigSchema.options.map((option) => option.shape.scheme.value);

describe('verificationConfigSchema', () => {
  test('covers the twelve schemes', () => {
    expect(schemes.sort()).toEqual(
      [
        'basic-auth',
        'calendly',
        'github',
        'hmac',
        'lemon-squeezy',
        'paddle',
        'shared-secret',
        'shopify',
        'standard-webhooks',
        'stripe',
        'typeform',
        'woocommerce',
      ].sort(),
    );
  });

  test('trims secrets and lower-cases header names', () => {
    const config = verificationConfigSchema.parse({
      scheme: 'hmac',
      secrets: ['  padded-secret \n'],
      header: ' X-Signature ',
      algorithm: 'sha256',
      encoding: 'hex',
      signed: 'timestamp-body',
      timestampHeader: 'X-Timestamp',
    });
    expect(config).toMatchObject({ secrets: ['padded-secret'], header: 'x-signature', timestampHeader: 'x-timestamp' });
  });

  test.each([
    ['no secrets', { scheme: 'stripe', secrets: [] }, 'secrets: needs at least one secret'],
    ['six secrets', { scheme: 'stripe', secrets: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'secrets: at most 5 secrets'],
    ['a blank secret', { scheme: 'stripe', secrets: ['ok', '   '] }, 'secrets.1: must not be empty'],
    [
      'a secret copied from a redacted view',
      { scheme: 'shopify', secrets: ['…a1b2'] },
      'secrets.0: looks redacted (contains …): paste the full secret',
    ],
    [
      'a Standard Webhooks secret that is not base64',
      { scheme: 'standard-webhooks', secrets: ['whsec_not base64!'] },
      'secrets.0: must be whsec_ followed by base64',
    ],
    [
      'an hmac over the timestamp without a timestamp header',
      {
        scheme: 'hmac',
        secrets: ['s'],
        header: 'x-sig',
        algorithm: 'sha256',
        encoding: 'hex',
        signed: 'timestamp-body',
      },
      'timestampHeader: is required when the signed content includes a timestamp',
    ],
    [
      'a header name with a space',
      { scheme: 'shared-secret', secrets: ['s'], header: 'x token' },
      'header: must be an HTTP header name such as x-signature',
    ],
    [
      'a username with a colon',
      { scheme: 'basic-auth', username: 'a:b', secrets: ['s'] },
      'username: must not contain a colon',
    ],
  ])('rejects %s with a message naming the field', (_case, input, message) => {
    expect(issues(input)).toContain(message);
  });

  test.each([
    { scheme: 'md5-hmac', secrets: ['s'] },
    { scheme: 'hmac', secrets: ['s'], header: 'x-sig', algorithm: 'md5', encoding: 'hex', signed: 'body' },
    { scheme: 'basic-auth', secrets: ['s'] },
    { secrets: ['s'] },
  ])('rejects %j', (input) => {
    expect(issues(input).length).toBeGreaterThan(0);
  });

  test.each(SCHEME_CASES)('$name: the test config is valid and round-trips', ({ config }) => {
    expect(verificationConfigSchema.parse(config)).toEqual(config);
  });
});

describe('VERIFICATION_SCHEMES', () => {
  test('describes every scheme the schema accepts, and nothing else', () => {
    expect(Object.keys(VERIFICATION_SCHEMES).sort()).toEqual([...schemes].sort());
  });

  test.each(Object.entries(VERIFICATION_SCHEMES))('%s has a label and says what is signed', (_scheme, description) => {
    expect(description.label).not.toBe('');
    expect(description.signedContent).not.toBe('');
  });

  test.each(['hmac', 'shared-secret'] as const)('%s lists no fixed header: the notification names it', (scheme) => {
    expect(VERIFICATION_SCHEMES[scheme].headers).toEqual([]);
  });
});

describe('redactVerificationConfig', () => {
  test('keeps the whsec_ label and the last four characters', () => {
    const [secret = ''] = SECRETS.standard;
    const redacted = redactVerificationConfig({ scheme: 'standard-webhooks', secrets: [secret] });
    expect(redacted).toEqual({ scheme: 'standard-webhooks', secrets: [`whsec_…${secret.slice(-4)}`] });
  });

  test.each([
    ['a Paddle secret keeps its label', 'pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_6h3qd3uFSi9YCD', 'pdl_ntfset_…9YCD'],
    ['a short secret shows nothing', 'hunter2', '…'],
    ['a short whsec_ secret shows only its label', 'whsec_c2hvcnQ=', 'whsec_…'],
    ['a user secret that looks labelled shows no word of it', 'shop_secret_a1b2c3d4e5f6g7h8', '…g7h8'],
  ])('%s', (_case, secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });

  test.each(SCHEME_CASES)('$name: keeps the settings and no secret survives', ({ config }) => {
    const redacted = redactVerificationConfig(config);
    const { secrets: _secrets, ...settings } = config;
    expect(redacted).toMatchObject(settings);
    expect(redacted.secrets).toHaveLength(config.secrets.length);
    const json = JSON.stringify(redacted);
    for (const secret of config.secrets) expect(json).not.toContain(secret.slice(-8));
  });

  test('a redacted config sent back as it is fails validation instead of replacing the secrets', () => {
    const config: VerificationConfig = { scheme: 'stripe', secrets: ['whsec_abcdefghijklmnopqrstuvwxyz012345'] };
    expect(issues(redactVerificationConfig(config))).toContain(
      'secrets.0: looks redacted (contains …): paste the full secret',
    );
  });
});
