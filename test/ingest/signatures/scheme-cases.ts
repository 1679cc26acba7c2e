// One verification config per scheme (two secrets each) and what the tests need to know about it.
import {
  type VerificationConfig,
  verificationConfigSchema,
} from '../../../server/ingest/signatures/verification-config.ts';

export const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
export const MINUTE = 60 * 1000;

export const JSON_BODY = Buffer.from('{"email":"ada@example.com","name":"Ada","amount":42}');
export const FORM_BODY = Buffer.from('email=ada%40example.com&first_name=Zo%C3%AB&product=Caf%C3%A9+cup&amount=12.50');
/** `{"name":"Renée","note":"€5"}` in windows-1252: 0xE9 and 0x80 are not valid UTF-8 on their own. */
export const WINDOWS_1252_BODY = Buffer.concat([
  Buffer.from('{"name":"Ren'),
  Buffer.from([0xe9]),
  Buffer.from('e","note":"'),
  Buffer.from([0x80]),
  Buffer.from('5"}'),
]);

const base64 = (text: string) => Buffer.from(text).toString('base64');

export const SECRETS = {
  standard: [
    `whsec_${base64('proofhook-first-key-0123456789ab')}`,
    `whsec_${base64('proofhook-second-key-abcdef0123')}`,
  ],
  standardWrong: [
    `whsec_${base64('an-attacker-guess-000000000000000')}`,
    `whsec_${base64('another-attacker-guess-111111111')}`,
  ],
  text: ['first-secret-3f9a8c7e2b1d4a6f', 'second-secret-8e1b2c3d4f5a6b7c'],
  textWrong: ['wrong-secret-000000000000000000', 'other-wrong-secret-11111111111'],
} as const;

export interface SchemeCase {
  name: string;
  config: VerificationConfig;
  /** Two secrets the config does not hold. */
  wrongSecrets: readonly [string, string];
  /** Headers whose absence must be reported by name. */
  required: string[];
  /** False for credentials (shared secret, Basic auth), which do not cover the body. */
  signsBody: boolean;
  /** A Unix-seconds timestamp is signed and checked against the tolerance. */
  timestamped: boolean;
  /** One header can carry several signatures (the sender's own rotation). */
  multiSignature: boolean;
  /** The header holding the signature or credentials. */
  signatureHeader: string;
  /** Values for `signatureHeader` that are not of the scheme's format. */
  malformed: string[];
}

function parse(config: unknown): VerificationConfig {
  return verificationConfigSchema.parse(config);
}

const text = [...SECRETS.text];
const HEX_64 = 'ab'.repeat(32);

export const SCHEME_CASES: SchemeCase[] = [
  {
    name: 'standard-webhooks',
    config: parse({ scheme: 'standard-webhooks', secrets: [...SECRETS.standard] }),
    wrongSecrets: SECRETS.standardWrong,
    required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
    signatureHeader: 'webhook-signature',
    signsBody: true,
    timestamped: true,
    multiSignature: true,
    malformed: ['v1', 'v1,', 'v1,***', 'v2,abcd', 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=', ','],
  },
  {
    name: 'stripe',
    config: parse({ scheme: 'stripe', secrets: text }),
    wrongSecrets: SECRETS.textWrong,
    required: ['stripe-signature'],
    signatureHeader: 'stripe-signature',
    signsBody: true,
    timestamped: true,
    multiSignature: true,
    malformed: [
      `v1=${HEX_64}`,
      't=1736942400',
      't=soon,v1=ab',
      `t=1736942400,v1=xyz`,
      't=1736942400000,v1=ab',
      '=,=,=',
    ],
  },
  {
    name: 'shopify',
    config: parse({ scheme: 'shopify', secrets: text }),
    wrongSecrets: SECRETS.textWrong,
    required: ['x-shopify-hmac-sha256'],
    signatureHeader: 'x-shopify-hmac-sha256',
    signsBody: true,
    timestamped: false,
    multiSignature: false,
    malformed: ['not base64!', 'sha256=abc=', '===='],
  },
  {
    name: 'woocommerce',
    config: parse({ scheme: 'woocommerce', secrets: text }),
    wrongSecrets: SECRETS.textWrong,
    required: ['x-wc-webhook-signature'],
    signatureHeader: 'x-wc-webhook-signature',
    signsBody: true,
    timestamped: false,
    multiSignature: false,
    malformed: ['not base64!', 'a=b', '%%%%'],
  },
  {
    name: 'github',
    config: parse({ scheme: 'github', secrets: text }),
    wrongSecrets: SECRETS.textWrong,
    required: ['x-hub-signature-256'],
    signatureHeader: 'x-hub-signature-256',
    signsBody: true,
    timestamped: false,
    multiSignature: false,
    malformed: [HEX_64, 'sha256=', 'sha256=xyz', `sha1=${HEX_64}`, `sha256=${HEX_64}0`],
  },
  {
    name: 'typeform',
    config: parse({ scheme: 'typeform', secrets: text }),
    wrongSecrets: SECRETS.textWrong,
    required: ['typeform-signature'],
    signatureHeader: 'typeform-signature',
    signsBody: true,
    timestamped: false,
    multiSignature: false,
    malformed: ['OnQSNygQPU3HgRYfca7H+em1CKX3aLrBdEC19H1s6lk=', 'sha256=', 'sha256=!!'],
  },
  {
    name: 'lemon-squeezy',
    config: parse({ scheme: 'lemon-squeezy', secrets: text }),
    wrongSecrets: SECRETS.textWrong,
    required: ['x-signature'],
    signatureHeader: 'x-signature',
    signsBody: true,
    timestamped: false,
    multiSignature: false,
    malformed: ['zz', 'abc', `sha256=${HEX_64}`],
  },
  {
    name: 'paddle',
    config: parse({ scheme: 'paddle', secrets: text }),
    wrongSecrets: SECRETS.textWrong,
    required: ['paddle-signature'],
    signatureHeader: 'paddle-signature',
    signsBody: true,
    timestamped: true,
    multiSignature: true,
    malformed: [`h1=${HEX_64}`, 'ts=1736942400', `t=1736942400,v1=${HEX_64}`, 'ts=x;h1=ab', 'ts=1736942400;h1=q'],
  },
  {
    name: 'calendly',
    config: parse({ scheme: 'calendly', secrets: text }),
    wrongSecrets: SECRETS.textWrong,
    required: ['calendly-webhook-signature'],
    signatureHeader: 'calendly-webhook-signature',
    signsBody: true,
    timestamped: true,
    multiSignature: false,
    malformed: [`v1=${HEX_64}`, 't=1736942400', `t=1736942400;v1=${HEX_64}`, 't=-1,v1=ab'],
  },
  {
    name: 'hmac over the body (sha512, base64)',
    config: parse({
      scheme: 'hmac',
      secrets: text,
      header: 'X-Custom-Signature',
      algorithm: 'sha512',
      encoding: 'base64',
      signed: 'body',
    }),
    wrongSecrets: SECRETS.textWrong,
    required: ['x-custom-signature'],
    signatureHeader: 'x-custom-signature',
    signsBody: true,
    timestamped: false,
    multiSignature: false,
    malformed: ['***', 'a b c'],
  },
  {
    name: 'hmac over timestamp|body (sha1, hex, prefix v1=)',
    config: parse({
      scheme: 'hmac',
      secrets: text,
      header: 'x-custom-signature',
      algorithm: 'sha1',
      encoding: 'hex',
      prefix: 'v1=',
      signed: 'timestamp-body',
      timestampHeader: 'X-Custom-Timestamp',
      separator: '|',
    }),
    wrongSecrets: SECRETS.textWrong,
    required: ['x-custom-signature', 'x-custom-timestamp'],
    signatureHeader: 'x-custom-signature',
    signsBody: true,
    timestamped: true,
    multiSignature: false,
    malformed: ['ab'.repeat(20), 'v1=', 'v1=zz', 'v2=abab'],
  },
  {
    name: 'shared-secret',
    config: parse({ scheme: 'shared-secret', secrets: text, header: 'X-Proofhook-Secret' }),
    wrongSecrets: SECRETS.textWrong,
    required: ['x-proofhook-secret'],
    signatureHeader: 'x-proofhook-secret',
    signsBody: false,
    timestamped: false,
    multiSignature: false,
    // Any text is a well-formed (if wrong) secret.
    malformed: [],
  },
  {
    name: 'basic-auth',
    config: parse({ scheme: 'basic-auth', username: 'proofhook', secrets: text }),
    wrongSecrets: SECRETS.textWrong,
    required: ['authorization'],
    signatureHeader: 'authorization',
    signsBody: false,
    timestamped: false,
    multiSignature: false,
    malformed: ['Bearer abc', 'Basic', 'Basic !!!', `Basic ${base64('no-colon')}`, 'Digest username="x"'],
  },
];

/** Only the cases that do something with the named property, for test.each tables. */
export function casesWhere(predicate: (testCase: SchemeCase) => boolean): SchemeCase[] {
  return SCHEME_CASES.filter(predicate);
}

/** The same config holding `secrets` instead. */
export function withSecrets(config: VerificationConfig, secrets: string[]): VerificationConfig {
  return { ...config, secrets };
}

export function flipByte(body: Buffer, index = Math.floor(body.length / 2)): Buffer {
  const copy = Buffer.from(body);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

export function without(headers: Record<string, string>, name: string): Record<string, string> {
  const copy = { ...headers };
  delete copy[name];
  return copy;
}
