// The supervisor's wait before starting a worker again: 0.5 s after a first quick exit, doubling while
// the worker keeps exiting soon after its start, never above 30 s, and back to 0.5 s once it ran a minute.
import { describe, expect, test } from 'vitest';
import { STABLE_AFTER_MS, nextQuickExits, restartDelay } from '../../server/cluster/restart-backoff.ts';

describe('restart backoff', () => {
  test('doubles from 0.5 s per quick exit in a row and stays at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(restartDelay)).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(restartDelay(10_000)).toBe(30_000);
  });

  test('a worker that ran a minute starts the count again; a quick exit adds to it', () => {
    expect(nextQuickExits(6, STABLE_AFTER_MS)).toBe(1);
    expect(nextQuickExits(6, STABLE_AFTER_MS - 1)).toBe(7);
    expect(nextQuickExits(0, 10)).toBe(1);
  });
});
