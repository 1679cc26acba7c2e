// The PING probe on its own, with fake timers: a Redis that stops answering is silent after the
// timeout, one PING waits at a time, and the late answer counts as back.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { watchLiveness } from '../../server/cluster/redis-liveness.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function fakeRedis() {
  const waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  let answering = true;
  return {
    waiting,
    hang: () => {
      answering = false;
    },
    answerAll: () => {
      answering = true;
      for (const ping of waiting.splice(0)) ping.resolve();
    },
    ping: () =>
      new Promise<void>((resolve, reject) => {
        if (answering) resolve();
        else waiting.push({ resolve, reject });
      }),
    isConnected: () => true,
  };
}

describe('Redis liveness', () => {
  test('silent one timeout after an unanswered PING, back when the answer comes, one PING at a time', async () => {
    const redis = fakeRedis();
    const events: string[] = [];
    const probe = watchLiveness(
      redis,
      { silent: () => events.push('silent'), answered: () => events.push('answered') },
      { intervalMs: 2000, timeoutMs: 1000 },
    );
    await vi.advanceTimersByTimeAsync(2000);
    expect(events).toEqual(['answered']);

    redis.hang();
    await vi.advanceTimersByTimeAsync(2000);
    expect(probe.isSilent()).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(probe.isSilent()).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events).toEqual(['answered', 'silent']);
    expect(redis.waiting).toHaveLength(1);

    redis.answerAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(probe.isSilent()).toBe(false);
    expect(events).toEqual(['answered', 'silent', 'answered']);
    probe.stop();
  });

  test('a PING failed by a dropped connection is not silence: the client reports the drop itself', async () => {
    const redis = fakeRedis();
    const events: string[] = [];
    const probe = watchLiveness(
      redis,
      { silent: () => events.push('silent'), answered: () => events.push('answered') },
      { intervalMs: 2000, timeoutMs: 1000 },
    );
    redis.hang();
    await vi.advanceTimersByTimeAsync(2500);
    for (const ping of redis.waiting.splice(0)) ping.reject(new Error('Socket closed unexpectedly'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(events).toEqual([]);
    expect(probe.isSilent()).toBe(false);
    probe.stop();
  });
});
