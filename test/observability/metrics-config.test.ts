// METRICS_TOKEN: read by the one config reader, at least 16 characters like ADMIN_TOKEN.
import { describe, expect, test } from 'vitest';
import { ConfigError, readConfig } from '../../server/config.ts';

describe('METRICS_TOKEN', () => {
  test('is optional: without it only the admin token opens /metrics', () => {
    expect(readConfig({}).metricsToken).toBeUndefined();
    expect(readConfig({ METRICS_TOKEN: '  ' }).metricsToken).toBeUndefined();
  });

  test('is kept as given when long enough', () => {
    expect(readConfig({ METRICS_TOKEN: 'scraper-token-0123456789' }).metricsToken).toBe('scraper-token-0123456789');
  });

  test('a short one is refused at start with a line naming it', () => {
    expect(() => readConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => readConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
  });
});
