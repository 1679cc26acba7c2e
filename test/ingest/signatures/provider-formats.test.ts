// Published test vectors, and each provider's documented format written out independently of the module,
// so that a verifier and signer that agree with each other but not with the provider cannot pass.
import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { signForTest } from '../../../server/ingest/signatures/sign-for-test.ts';
import { verifySignature } from '../../../server/ingest/signatures/verify-signature.ts';
import {
  type VerificationConfig,
  verificationConfigSchema,
} from '../../../server/ingest/signatures/verification-config.ts';
import { FORM_BODY, JSON_BODY, NOW, SCHEME_CASES, WINDOWS_1252_BODY } from './scheme-cases.ts';

describe('published test vectors', () => {
  // https://github.com/standard-webhooks/standard-webhooks (the libraries' shared vector, also Svix's docs).
  const standard = {
    config: verificationConfigSchema.parse({
      scheme: 'standard-webhooks',
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    }),
    headers: {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    },
    body: Buffer.from('{"test": 2432232314}'),
    now: 1614265330 * 1000,
  };

  test('the Standard Webhooks vector verifies at its own timestamp', () => {
    expect(verifySignature(standard.config, standard).ok).toBe(true);
  });

  test('the Standard Webhooks vector is refused years later as a replay', () => {
    const result = verifySignature(standard.config, { ...standard, now: NOW });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^timestamp \d+ days in the past/) });
  });

  test('signForTest reproduces the Standard Webhooks vector', () => {
    const headers = signForTest(standard.config, standard.body, standard.now, {
      webhookId: standard.headers['webhook-id'],
    });
    expect(headers).toEqual(standard.headers);
  });

  test('the Standard Webhooks vector verifies with the secret pasted without its whsec_ prefix', () => {
    const config = { ...standard.config, secrets: ['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] };
    expect(verifySignature(config, standard).ok).toBe(true);
  });

  // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries ("Testing the webhook payload validation")
  const github = {
    headers: { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' },
    body: Buffer.from('Hello, World!'),
    now: NOW,
  };

  test.each<[string, VerificationConfig]>([
    ['the github preset', { scheme: 'github', secrets: ["It's a Secret to Everybody"] }],
    [
      'an equivalent generic hmac',
      {
        scheme: 'hmac',
        secrets: ["It's a Secret to Everybody"],
        header: 'x-hub-signature-256',
        algorithm: 'sha256',
        encoding: 'hex',
        prefix: 'sha256=',
        signed: 'body',
      },
    ],
  ])('the GitHub vector verifies with %s', (_name, config) => {
    expect(verifySignature(config, github).ok).toBe(true);
    expect(signForTest(config, github.body, NOW)).toEqual(github.headers);
  });
});

/** Each provider's header for `body`, from its documentation alone. Secrets are keys as UTF-8 text. */
function documentedHeaders(config: VerificationConfig, body: Buffer, seconds: number): Record<string, string> {
  const secret = config.secrets[0] ?? '';
  const mac = (algorithm: string, key: string | Buffer, ...parts: Buffer[]) =>
    createHmac(algorithm, key).update(Buffer.concat(parts));
  const text = (value: string) => Buffer.from(value, 'utf8');
  const t = String(seconds);
  switch (config.scheme) {
    case 'standard-webhooks': {
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      const signature = mac('sha256', key, text(`msg_proofhook_test.${t}.`), body).digest('base64');
      return { 'webhook-id': 'msg_proofhook_test', 'webhook-timestamp': t, 'webhook-signature': `v1,${signature}` };
    }
    case 'stripe':
      return { 'stripe-signature': `t=${t},v1=${mac('sha256', secret, text(`${t}.`), body).digest('hex')}` };
    case 'shopify':
      return { 'x-shopify-hmac-sha256': mac('sha256', secret, body).digest('base64') };
    case 'woocommerce':
      return { 'x-wc-webhook-signature': mac('sha256', secret, body).digest('base64') };
    case 'github':
      return { 'x-hub-signature-256': `sha256=${mac('sha256', secret, body).digest('hex')}` };
    case 'typeform':
      return { 'typeform-signature': `sha256=${mac('sha256', secret, body).digest('base64')}` };
    case 'lemon-squeezy':
      return { 'x-signature': mac('sha256', secret, body).digest('hex') };
    case 'paddle':
      return { 'paddle-signature': `ts=${t};h1=${mac('sha256', secret, text(`${t}:`), body).digest('hex')}` };
    case 'calendly':
      return { 'calendly-webhook-signature': `t=${t},v1=${mac('sha256', secret, text(`${t}.`), body).digest('hex')}` };
    case 'hmac': {
      const signed = config.signed === 'timestamp-body' ? text(`${t}${config.separator ?? '.'}`) : Buffer.alloc(0);
      const signature = `${config.prefix ?? ''}${mac(config.algorithm, secret, signed, body).digest(config.encoding)}`;
      const headers: Record<string, string> = { [config.header]: signature };
      if (config.timestampHeader !== undefined) headers[config.timestampHeader] = t;
      return headers;
    }
    case 'shared-secret':
      return { [config.header]: secret };
    case 'basic-auth':
      return { authorization: `Basic ${Buffer.from(`${config.username}:${secret}`).toString('base64')}` };
  }
}

const bodies = [
  ['JSON', JSON_BODY],
  ['form-encoded', FORM_BODY],
  ['windows-1252', WINDOWS_1252_BODY],
] as const;
const table = SCHEME_CASES.flatMap((testCase) => bodies.map(([kind, body]) => ({ ...testCase, kind, body })));

describe('documented formats', () => {
  test('the windows-1252 body is not UTF-8, so a decode-and-re-encode would change it', () => {
    expect(Buffer.from(WINDOWS_1252_BODY.toString('utf8'), 'utf8').equals(WINDOWS_1252_BODY)).toBe(false);
  });

  test.each(table)('$name: a $kind body signed as the provider documents verifies', ({ config, body }) => {
    const headers = documentedHeaders(config, body, NOW / 1000);
    expect(verifySignature(config, { headers, body, now: NOW })).toEqual({ ok: true, scheme: config.scheme });
  });

  test.each(table)('$name: signForTest writes a $kind body exactly as the provider documents', ({ config, body }) => {
    expect(signForTest(config, body, NOW)).toEqual(documentedHeaders(config, body, NOW / 1000));
  });

  test.each(table)('$name: the signature of the $kind body decoded as UTF-8 does not verify', ({ config, body }) => {
    // What a verifier that stringified the body would have checked against.
    const reencoded = Buffer.from(body.toString('utf8'), 'utf8');
    const headers = documentedHeaders(config, reencoded, NOW / 1000);
    const sameBytes = reencoded.equals(body);
    const signsBody = config.scheme !== 'shared-secret' && config.scheme !== 'basic-auth';
    expect(verifySignature(config, { headers, body, now: NOW }).ok).toBe(sameBytes || !signsBody);
  });
});
