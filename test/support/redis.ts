// Redis for tests: a key prefix per test file so runs never see each other's streams and channels;
// skipped without TEST_REDIS_URL, saying so.
import { randomBytes } from 'node:crypto';

/** e.g. redis://127.0.0.1:6379; unset, the suites that need Redis are skipped. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined;

/** True when there is no Redis to test against, after saying so once for this suite. */
export function skipWithoutRedis(suite: string): boolean {
  if (TEST_REDIS_URL) return false;
  console.warn(
    `[${suite}] skipped: TEST_REDIS_URL is not set. ` +
      'Run e.g. TEST_REDIS_URL=redis://127.0.0.1:6379 npm test (CI sets it).',
  );
  return true;
}

/** proofhook_test_<random>: the REDIS_PREFIX of one test file's servers. */
export function testRedisPrefix(): string {
  return `proofhook_test_${randomBytes(6).toString('hex')}`;
}
