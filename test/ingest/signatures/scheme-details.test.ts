// Per-scheme edge cases: header variants senders really produce, what each scheme signs, clear reasons.
import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { signForTest } from '../../../server/ingest/signatures/sign-for-test.ts';
import { describeDuration } from '../../../server/ingest/signatures/timestamp.ts';
import type { VerificationConfig } from '../../../server/ingest/signatures/verification-config.ts';
import { type VerificationResult, verifySignature } from '../../../server/ingest/signatures/verify-signature.ts';
import { JSON_BODY, MINUTE, NOW, SECRETS } from './scheme-cases.ts';

const SECONDS = String(NOW / 1000);
const [SECRET = '', OTHER_SECRET = ''] = SECRETS.text;

function check(config: VerificationConfig, headers: Record<string, string>, body: Buffer = JSON_BODY, now = NOW) {
  return verifySignature(config, { headers, body, now });
}

function reason(result: VerificationResult): string {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.reason;
}

function hexHmac(secret: string | Buffer, content: string | Buffer, algorithm = 'sha256'): string {
  return createHmac(algorithm, secret).update(content).digest('hex');
}

describe('standard-webhooks', () => {
  const config: VerificationConfig = { scheme: 'standard-webhooks', secrets: [...SECRETS.standard] };
  const signed = signForTest(config, JSON_BODY, NOW);

  test('svix- headers from Svix-based senders verify like webhook- headers', () => {
    const svix = {
      'svix-id': signed['webhook-id'] ?? '',
      'svix-timestamp': signed['webhook-timestamp'] ?? '',
      'svix-signature': signed['webhook-signature'] ?? '',
    };
    expect(check(config, svix).ok).toBe(true);
  });

  test('two webhook-signature headers joined by Node with ", " verify', () => {
    const other = signForTest(config, JSON_BODY, NOW, { secrets: [SECRETS.standardWrong[0]] });
    const joined = `${other['webhook-signature']}, ${signed['webhook-signature']}`;
    expect(check(config, { ...signed, 'webhook-signature': joined }).ok).toBe(true);
  });

  test('a header with only v1a (asymmetric) signatures fails saying they are not supported', () => {
    expect(reason(check(config, { ...signed, 'webhook-signature': 'v1a,aGVsbG8=' }))).toBe(
      'malformed webhook-signature header (only v1a signatures, and asymmetric keys are not supported)',
    );
  });

  test('a v1a signature next to a valid v1 is ignored', () => {
    const both = `v1a,aGVsbG8= ${signed['webhook-signature']}`;
    expect(check(config, { ...signed, 'webhook-signature': both }).ok).toBe(true);
  });

  test.each([
    ['webhook-id', 'msg_other'],
    ['webhook-timestamp', String(NOW / 1000 + 1)],
  ])('a changed %s fails because the id and timestamp are signed', (header, value) => {
    expect(reason(check(config, { ...signed, [header]: value }))).toBe('no signature matched (2 secrets tried)');
  });

  test('a timestamp in milliseconds fails saying so', () => {
    expect(reason(check(config, { ...signed, 'webhook-timestamp': String(NOW) }))).toBe(
      'malformed webhook-timestamp header (looks like milliseconds; expected Unix seconds)',
    );
  });

  test('a secret that is not base64 (bypassing validation) is skipped, never used as an empty key', () => {
    const broken: VerificationConfig = { scheme: 'standard-webhooks', secrets: ['whsec_***'] };
    const forged = signForTest(broken, JSON_BODY, NOW);
    expect(reason(check(broken, forged))).toBe('no usable secret (expected whsec_ followed by base64)');
  });
});

describe('stripe', () => {
  const config: VerificationConfig = { scheme: 'stripe', secrets: [SECRET] };
  const v1 = hexHmac(SECRET, `${SECONDS}.${JSON_BODY}`);

  test('the whsec_ secret is the key as text (not base64-decoded as in Standard Webhooks)', () => {
    const stripeSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const stripe: VerificationConfig = { scheme: 'stripe', secrets: [stripeSecret] };
    const asText = hexHmac(stripeSecret, `${SECONDS}.${JSON_BODY}`);
    const asBase64 = hexHmac(Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64'), `${SECONDS}.${JSON_BODY}`);
    expect(check(stripe, { 'stripe-signature': `t=${SECONDS},v1=${asText}` }).ok).toBe(true);
    expect(check(stripe, { 'stripe-signature': `t=${SECONDS},v1=${asBase64}` }).ok).toBe(false);
  });

  test('test-mode v0 signatures and unknown keys are ignored', () => {
    const header = `t=${SECONDS},v0=${'0'.repeat(64)},v1=${v1},future=1`;
    expect(check(config, { 'stripe-signature': header }).ok).toBe(true);
  });

  test('spaces after the commas are tolerated', () => {
    expect(check(config, { 'stripe-signature': `t=${SECONDS}, v1=${v1}` }).ok).toBe(true);
  });

  test('uppercase hex verifies', () => {
    expect(check(config, { 'stripe-signature': `t=${SECONDS},v1=${v1.toUpperCase()}` }).ok).toBe(true);
  });

  test.each([
    ['no t', `v1=${v1}`, 'malformed stripe-signature header (no t= timestamp)'],
    ['no v1', `t=${SECONDS},v0=${v1}`, 'malformed stripe-signature header (no v1= signature)'],
    [
      'two different t',
      `t=${SECONDS},t=1,v1=${v1}`,
      'malformed stripe-signature header (several different t= timestamps)',
    ],
    ['a word for t', `t=now,v1=${v1}`, 'malformed stripe-signature header (t= is not Unix seconds)'],
    [
      't in ms',
      `t=${NOW},v1=${v1}`,
      'malformed stripe-signature header (t= looks like milliseconds; expected Unix seconds)',
    ],
    ['v1 not hex', `t=${SECONDS},v1=zz`, 'malformed stripe-signature header (v1= is not hex)'],
  ])('a header with %s fails with a clear reason', (_case, header, expected) => {
    expect(reason(check(config, { 'stripe-signature': header }))).toBe(expected);
  });

  test('a signature of the wrong length says so without quoting anything', () => {
    expect(reason(check(config, { 'stripe-signature': `t=${SECONDS},v1=abcd` }))).toBe(
      'no signature matched (1 secret tried; received 2 bytes, HMAC-SHA256 gives 32)',
    );
  });
});

describe('paddle', () => {
  const config: VerificationConfig = { scheme: 'paddle', secrets: [SECRET] };

  test('the signed content joins timestamp and body with a colon', () => {
    const colon = hexHmac(SECRET, `${SECONDS}:${JSON_BODY}`);
    const dot = hexHmac(SECRET, `${SECONDS}.${JSON_BODY}`);
    expect(check(config, { 'paddle-signature': `ts=${SECONDS};h1=${colon}` }).ok).toBe(true);
    expect(check(config, { 'paddle-signature': `ts=${SECONDS};h1=${dot}` }).ok).toBe(false);
  });

  test('several h1 signatures during Paddle secret rotation verify when one matches', () => {
    const old = hexHmac(OTHER_SECRET, `${SECONDS}:${JSON_BODY}`);
    const current = hexHmac(SECRET, `${SECONDS}:${JSON_BODY}`);
    expect(check(config, { 'paddle-signature': `ts=${SECONDS};h1=${old};h1=${current}` }).ok).toBe(true);
  });
});

describe('calendly', () => {
  const config: VerificationConfig = { scheme: 'calendly', secrets: [SECRET] };

  test('several v1 signatures are accepted when one matches, as for Stripe', () => {
    const good = hexHmac(SECRET, `${SECONDS}.${JSON_BODY}`);
    const header = `t=${SECONDS},v1=${'1'.repeat(64)},v1=${good}`;
    expect(check(config, { 'calendly-webhook-signature': header }).ok).toBe(true);
  });
});

describe('single-header HMAC presets and generic hmac', () => {
  const github: VerificationConfig = { scheme: 'github', secrets: [SECRET] };
  const digest = hexHmac(SECRET, JSON_BODY);

  test('an uppercase SHA256= prefix and hex digits verify', () => {
    expect(check(github, { 'x-hub-signature-256': `SHA256=${digest.toUpperCase()}` }).ok).toBe(true);
  });

  test.each([
    ['no prefix', digest],
    ['a sha1= prefix', `sha1=${digest}`],
    ['a character appended', `sha256=${digest}0`],
    ['text appended', `sha256=${digest}zz`],
  ])('a github signature with %s is malformed', (_case, value) => {
    expect(reason(check(github, { 'x-hub-signature-256': value }))).toBe(
      'malformed x-hub-signature-256 header (expected sha256=<hex HMAC>)',
    );
  });

  test('unpadded url-safe base64 verifies where base64 is expected', () => {
    const shopify: VerificationConfig = { scheme: 'shopify', secrets: [SECRET] };
    const urlSafe = createHmac('sha256', SECRET).update(JSON_BODY).digest('base64url');
    expect(check(shopify, { 'x-shopify-hmac-sha256': urlSafe }).ok).toBe(true);
  });

  const custom: VerificationConfig = {
    scheme: 'hmac',
    secrets: [SECRET],
    header: 'x-sig',
    algorithm: 'sha256',
    encoding: 'hex',
    signed: 'timestamp-body',
    timestampHeader: 'x-sig-time',
  };

  test('the separator defaults to a dot', () => {
    const headers = { 'x-sig': hexHmac(SECRET, `${SECONDS}.${JSON_BODY}`), 'x-sig-time': SECONDS };
    expect(check(custom, headers).ok).toBe(true);
  });

  test('a sender using another algorithm than configured gets a hint rather than a bare mismatch', () => {
    const headers = { 'x-sig': hexHmac(SECRET, `${SECONDS}.${JSON_BODY}`, 'sha1'), 'x-sig-time': SECONDS };
    expect(reason(check(custom, headers))).toBe(
      'no signature matched (1 secret tried; received 20 bytes, HMAC-SHA256 gives 32)',
    );
  });

  test('a malformed timestamp header is reported before the signature is checked', () => {
    const headers = { 'x-sig': hexHmac(SECRET, `soon.${JSON_BODY}`), 'x-sig-time': 'soon' };
    expect(reason(check(custom, headers))).toBe('malformed x-sig-time header (expected Unix seconds)');
  });

  test('mixed-case header names in the config still match Node’s lower-cased headers', () => {
    const mixed: VerificationConfig = { ...custom, header: 'X-Sig', timestampHeader: 'X-Sig-Time' };
    const headers = signForTest(mixed, JSON_BODY, NOW);
    expect(Object.keys(headers).sort()).toEqual(['x-sig', 'x-sig-time']);
    expect(check(mixed, headers).ok).toBe(true);
  });
});

describe('shared-secret', () => {
  const config: VerificationConfig = { scheme: 'shared-secret', secrets: [SECRET, OTHER_SECRET], header: 'x-token' };

  test.each([
    ['a prefix of the secret', SECRET.slice(0, -1)],
    ['the secret with a character added', `${SECRET}x`],
    ['the secret in another case', SECRET.toUpperCase()],
  ])('%s does not match', (_case, value) => {
    expect(reason(check(config, { 'x-token': value }))).toBe('x-token matched no secret (2 secrets tried)');
  });

  test('a header named like an Object.prototype property is simply missing', () => {
    const odd: VerificationConfig = { scheme: 'shared-secret', secrets: [SECRET], header: 'constructor' };
    expect(reason(check(odd, {}))).toBe('missing header constructor');
  });
});

describe('basic-auth', () => {
  const config: VerificationConfig = { scheme: 'basic-auth', username: 'proofhook', secrets: [SECRET, 'pa:ss wörd'] };
  const basic = (credentials: string, scheme = 'Basic') => ({
    authorization: `${scheme} ${Buffer.from(credentials, 'utf8').toString('base64')}`,
  });

  test('the scheme name is case-insensitive', () => {
    expect(check(config, basic(`proofhook:${SECRET}`, 'basic')).ok).toBe(true);
  });

  test('a password with a colon and non-ASCII letters verifies (split at the first colon, UTF-8)', () => {
    expect(check(config, basic('proofhook:pa:ss wörd')).ok).toBe(true);
  });

  test.each([
    ['a wrong username', `someone:${SECRET}`],
    ['a wrong password', 'proofhook:guess'],
    ['an empty password', 'proofhook:'],
  ])('%s fails with the same reason, telling neither half', (_case, credentials) => {
    expect(reason(check(config, basic(credentials)))).toBe('username or password did not match (2 passwords tried)');
  });

  test.each([
    ['a bearer token', 'Bearer abc', 'expected Basic credentials'],
    ['credentials that are not base64', 'Basic ***', 'expected base64 of username:password'],
    ['credentials without a colon', basic('proofhook').authorization, 'expected base64 of username:password'],
  ])('%s is malformed', (_case, header, detail) => {
    expect(reason(check(config, { authorization: header }))).toBe(`malformed authorization header (${detail})`);
  });
});

describe('configs that bypassed validation fail closed', () => {
  test.each<VerificationConfig>([
    { scheme: 'github', secrets: [] },
    { scheme: 'github', secrets: [''] },
    { scheme: 'shared-secret', secrets: [''], header: 'x-token' },
  ])('%j fails as having no secret, even against an empty-key signature', (config) => {
    const headers = {
      'x-hub-signature-256': `sha256=${hexHmac('', JSON_BODY)}`,
      'x-token': '',
    };
    expect(check(config, headers)).toEqual({ ok: false, scheme: config.scheme, reason: 'no secret configured' });
  });
});

describe('durations in reasons', () => {
  test.each([
    [6 * MINUTE, '6 minutes'],
    [5 * MINUTE + 30_000, '5 minutes 30 seconds'],
    [5 * MINUTE + 1, '5 minutes 1 second'],
    [90_000, '90 seconds'],
    [12 * MINUTE + 10_000, '12 minutes'],
    [3 * 60 * MINUTE, '3 hours'],
    [3 * 24 * 60 * MINUTE, '3 days'],
  ])('%d ms reads as %s', (ms, text) => {
    expect(describeDuration(ms)).toBe(text);
  });
});
