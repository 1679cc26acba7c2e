import { describe, expect, test } from 'vitest';
import { INGEST_TOKEN_PATTERN, createIngestToken, createWidgetKey } from '../../server/notifications/tokens.ts';

const bitsOf = (token: string, prefix: string) => ((token.length - prefix.length) * 6) | 0;

describe('tokens', () => {
  test('ingest tokens carry at least 128 random bits and never repeat', () => {
    const tokens = Array.from({ length: 5000 }, createIngestToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens.slice(0, 50)) {
      expect(token).toMatch(INGEST_TOKEN_PATTERN);
      expect(bitsOf(token, 'whk_')).toBeGreaterThanOrEqual(128);
    }
  });

  test('widget keys carry 128 random bits and can never be mistaken for an ingest token', () => {
    const keys = Array.from({ length: 5000 }, createWidgetKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys.slice(0, 50)) {
      expect(bitsOf(key, 'pk_')).toBeGreaterThanOrEqual(128);
      expect(key).not.toMatch(INGEST_TOKEN_PATTERN);
    }
  });

  test('the characters are spread over the whole base64url alphabet (no weak source)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i += 1) {
      for (const char of createIngestToken().slice(4)) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect(counts.size).toBe(64);
    const expected = (2000 * 32) / 64;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.25);
  });
});
