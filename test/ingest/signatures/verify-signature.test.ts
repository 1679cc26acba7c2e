// Every scheme against the same battery: valid, wrong secret, tampered body, missing and malformed
// headers, rotation, the timestamp window, non-JSON bodies, and reasons that never leak a secret.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { signForTest } from '../../../server/ingest/signatures/sign-for-test.ts';
import {
  SIGNATURE_TOLERANCE_MS,
  type VerificationResult,
  verifySignature,
} from '../../../server/ingest/signatures/verify-signature.ts';
import {
  FORM_BODY,
  JSON_BODY,
  MINUTE,
  NOW,
  SCHEME_CASES,
  type SchemeCase,
  WINDOWS_1252_BODY,
  casesWhere,
  flipByte,
  withSecrets,
  without,
} from './scheme-cases.ts';

function verify(testCase: SchemeCase, headers: Record<string, string>, body: Buffer = JSON_BODY, now = NOW) {
  return verifySignature(testCase.config, { headers, body, now });
}

function failure(result: VerificationResult): string {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.reason;
}

const signing = casesWhere((testCase) => testCase.signsBody);
const credentials = casesWhere((testCase) => !testCase.signsBody);
const timestamped = casesWhere((testCase) => testCase.timestamped);
const untimed = casesWhere((testCase) => !testCase.timestamped);
const multiSignature = casesWhere((testCase) => testCase.multiSignature);

test('the tolerance is five minutes', () => {
  expect(SIGNATURE_TOLERANCE_MS).toBe(5 * 60 * 1000);
});

describe.each(SCHEME_CASES)('$name', (testCase) => {
  const { config } = testCase;

  test('a delivery signed with the first secret passes', () => {
    const headers = signForTest(config, JSON_BODY, NOW);
    expect(verify(testCase, headers)).toEqual({ ok: true, scheme: config.scheme });
  });

  test('a delivery signed with the second secret passes (rotation on our side)', () => {
    const headers = signForTest(config, JSON_BODY, NOW, { secrets: [config.secrets[1] ?? ''] });
    expect(verify(testCase, headers).ok).toBe(true);
  });

  test('a delivery signed with a secret the notification does not hold fails and counts the secrets tried', () => {
    const headers = signForTest(config, JSON_BODY, NOW, { secrets: [testCase.wrongSecrets[0]] });
    expect(failure(verify(testCase, headers))).toMatch(/\(2 (secrets|passwords) tried\)$/);
  });

  test.each(testCase.required)('a delivery without %s fails naming the header', (header) => {
    const headers = without(signForTest(config, JSON_BODY, NOW), header);
    expect(failure(verify(testCase, headers))).toBe(`missing header ${header}`);
  });

  test.each(testCase.required)('a blank %s counts as missing', (header) => {
    const headers = { ...signForTest(config, JSON_BODY, NOW), [header]: '   ' };
    expect(failure(verify(testCase, headers))).toBe(`missing header ${header}`);
  });

  if (testCase.malformed.length > 0) {
    test.each(testCase.malformed)(`a malformed ${testCase.signatureHeader} (%j) fails without throwing`, (value) => {
      const headers = { ...signForTest(config, JSON_BODY, NOW), [testCase.signatureHeader]: value };
      expect(failure(verify(testCase, headers))).toMatch(/^malformed /);
    });
  }

  test.each(testCase.required)('any text in %s fails without throwing unless it is the signed value', (header) => {
    const signed = signForTest(config, JSON_BODY, NOW);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (value) => {
        const result = verify(testCase, { ...signed, [header]: value });
        expect(result.ok).toBe(value.trim() === signed[header]);
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    ['form-encoded', FORM_BODY],
    ['windows-1252', WINDOWS_1252_BODY],
    ['zero-length', Buffer.alloc(0)],
  ])('a %s body verifies as the bytes received', (_kind, body) => {
    const headers = signForTest(config, body, NOW);
    expect(verify(testCase, headers, body).ok).toBe(true);
  });
});

describe('the body is covered', () => {
  test.each(signing)('$name: changing one byte of the body fails', (testCase) => {
    const headers = signForTest(testCase.config, JSON_BODY, NOW);
    expect(failure(verify(testCase, headers, flipByte(JSON_BODY)))).toBe('no signature matched (2 secrets tried)');
  });

  test.each(signing)('$name: one changed byte of a windows-1252 body fails', (testCase) => {
    const headers = signForTest(testCase.config, WINDOWS_1252_BODY, NOW);
    // 0xE9 becomes 0xE8: the same text to a UTF-8 decoder (both invalid, both U+FFFD), not to an HMAC.
    const tampered = flipByte(WINDOWS_1252_BODY, WINDOWS_1252_BODY.indexOf(0xe9));
    expect(tampered.toString('utf8')).toBe(WINDOWS_1252_BODY.toString('utf8'));
    expect(verify(testCase, headers, tampered).ok).toBe(false);
  });

  test.each(credentials)('$name: credentials do not cover the body, so a changed body still passes', (testCase) => {
    const headers = signForTest(testCase.config, JSON_BODY, NOW);
    expect(verify(testCase, headers, flipByte(JSON_BODY)).ok).toBe(true);
  });
});

describe('rotation on the sender side', () => {
  test.each(multiSignature)('$name: a header with an unknown and a known signature passes', (testCase) => {
    const { config } = testCase;
    const headers = signForTest(config, JSON_BODY, NOW, {
      secrets: [testCase.wrongSecrets[0], config.secrets[1] ?? ''],
    });
    expect(verify(testCase, headers).ok).toBe(true);
  });

  test.each(multiSignature)('$name: a header whose signatures are all unknown fails counting them', (testCase) => {
    const headers = signForTest(testCase.config, JSON_BODY, NOW, {
      secrets: testCase.wrongSecrets,
    });
    expect(failure(verify(testCase, headers))).toBe('no signature matched (2 secrets tried against 2 signatures)');
  });

  test.each(SCHEME_CASES)('$name: a notification holding only the new secret still accepts it', (testCase) => {
    const config = withSecrets(testCase.config, [testCase.config.secrets[1] ?? '']);
    const headers = signForTest(config, JSON_BODY, NOW);
    expect(verifySignature(config, { headers, body: JSON_BODY, now: NOW }).ok).toBe(true);
  });
});

describe('the timestamp window', () => {
  const passing = [-4, 4, -5, 5].flatMap((minutes) => timestamped.map((testCase) => ({ testCase, minutes })));
  test.each(passing)('$testCase.name: signed $minutes minutes from now passes', ({ testCase, minutes }) => {
    const headers = signForTest(testCase.config, JSON_BODY, NOW + minutes * MINUTE);
    expect(verify(testCase, headers).ok).toBe(true);
  });

  test.each(timestamped)('$name: signed 6 minutes ago fails as too old', (testCase) => {
    const headers = signForTest(testCase.config, JSON_BODY, NOW - 6 * MINUTE);
    expect(failure(verify(testCase, headers))).toBe('timestamp 6 minutes in the past (tolerance 5 minutes)');
  });

  test.each(timestamped)('$name: signed 6 minutes ahead fails as too far in the future', (testCase) => {
    const headers = signForTest(testCase.config, JSON_BODY, NOW + 6 * MINUTE);
    expect(failure(verify(testCase, headers))).toBe('timestamp 6 minutes in the future (tolerance 5 minutes)');
  });

  test.each(timestamped)('$name: one second past the tolerance fails', (testCase) => {
    const headers = signForTest(testCase.config, JSON_BODY, NOW - 5 * MINUTE - 1000);
    expect(failure(verify(testCase, headers))).toBe('timestamp 5 minutes 1 second in the past (tolerance 5 minutes)');
  });

  test.each(timestamped)('$name: a wrong signature with a stale timestamp reports the signature', (testCase) => {
    const headers = signForTest(testCase.config, JSON_BODY, NOW - 60 * MINUTE, { secrets: [testCase.wrongSecrets[0]] });
    expect(failure(verify(testCase, headers))).toMatch(/^no signature matched/);
  });

  test.each(untimed)('$name: no timestamp is signed, so an old delivery replayed a day later passes', (testCase) => {
    const headers = signForTest(testCase.config, JSON_BODY, NOW - 24 * 60 * MINUTE);
    expect(verify(testCase, headers).ok).toBe(true);
  });
});

describe('a Stripe-style retry', () => {
  const retryable = casesWhere((testCase) => testCase.timestamped);
  const later = NOW + 3 * 60 * MINUTE;

  test.each(retryable)('$name: a retry re-signed with a new timestamp hours later verifies', (testCase) => {
    const retry = signForTest(testCase.config, JSON_BODY, later);
    expect(verify(testCase, retry, JSON_BODY, later).ok).toBe(true);
  });

  test.each(retryable)('$name: the first attempt replayed hours later is refused as stale', (testCase) => {
    const first = signForTest(testCase.config, JSON_BODY, NOW);
    expect(failure(verify(testCase, first, JSON_BODY, later))).toBe(
      'timestamp 3 hours in the past (tolerance 5 minutes)',
    );
  });

  test.each(retryable)('$name: a new timestamp pasted onto the old signature fails', (testCase) => {
    const first = signForTest(testCase.config, JSON_BODY, NOW);
    const retry = signForTest(testCase.config, JSON_BODY, later);
    const forged = Object.fromEntries(
      Object.entries(first).map(([name, value]) => [name, value.replace(String(NOW / 1000), String(later / 1000))]),
    );
    expect(forged).not.toEqual(first);
    expect(forged).not.toEqual(retry);
    expect(failure(verify(testCase, forged, JSON_BODY, later))).toMatch(/^no signature matched/);
  });
});

describe('reasons never reveal a secret or the expected signature', () => {
  function failuresFor(testCase: SchemeCase): string[] {
    const { config } = testCase;
    const signed = signForTest(config, JSON_BODY, NOW);
    const attempts: Array<[Record<string, string>, Buffer, number]> = [
      [signForTest(config, JSON_BODY, NOW, { secrets: [testCase.wrongSecrets[0]] }), JSON_BODY, NOW],
      [signed, flipByte(JSON_BODY), NOW],
      [signed, JSON_BODY, NOW + 60 * MINUTE],
      ...testCase.required.map((header): [Record<string, string>, Buffer, number] => [
        without(signed, header),
        JSON_BODY,
        NOW,
      ]),
      ...testCase.malformed.map((value): [Record<string, string>, Buffer, number] => [
        { ...signed, [testCase.signatureHeader]: value },
        JSON_BODY,
        NOW,
      ]),
    ];
    return attempts.flatMap(([headers, body, now]) => {
      const result = verifySignature(config, { headers, body, now });
      return result.ok ? [] : [result.reason];
    });
  }

  test.each(SCHEME_CASES)('$name', (testCase) => {
    const reasons = failuresFor(testCase);
    expect(reasons.length).toBeGreaterThanOrEqual(2);
    // The secrets, and every long token of a correctly signed header (the expected signatures).
    const signed = signForTest(testCase.config, JSON_BODY, NOW, { secrets: testCase.config.secrets });
    const tokens = Object.values(signed).flatMap((value) => value.split(/[\s,;=]+/).filter((part) => part.length >= 8));
    const secretParts = testCase.config.secrets.flatMap((secret) => [secret, secret.slice(-8)]);
    for (const reason of reasons) {
      for (const hidden of [...secretParts, ...tokens]) expect(reason).not.toContain(hidden);
    }
  });
});
