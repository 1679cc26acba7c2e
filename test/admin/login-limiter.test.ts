// The login limiter's keys and sliding window, and the session store's expiry, on a movable clock.
import { describe, expect, test } from 'vitest';
import { createLoginLimiter, limiterKey } from '../../server/auth/login-limiter.ts';
import { createMemorySessionStore } from '../../server/auth/session-store.ts';
import { createMovableClock } from '../support/test-app.ts';

describe('login limiter', () => {
  test.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2::5', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('counts %s as %s', (ip, key) => {
    expect(limiterKey(ip)).toBe(key);
  });

  test('the window slides: each failure ages out 15 minutes after it happened', () => {
    const clock = createMovableClock();
    const limiter = createLoginLimiter({ clock, maxFailures: 3, windowMs: 15 * 60_000 });
    limiter.recordFailure('a');
    clock.advance(5 * 60_000);
    limiter.recordFailure('a');
    limiter.recordFailure('a');
    expect(limiter.retryAfterMs('a')).toBe(10 * 60_000);
    clock.advance(10 * 60_000);
    expect(limiter.retryAfterMs('a')).toBe(0);
    limiter.recordFailure('a');
    expect(limiter.retryAfterMs('a')).toBe(5 * 60_000);
    limiter.recordSuccess('a');
    expect(limiter.retryAfterMs('a')).toBe(0);
  });
});

describe('session store', () => {
  test('keeps only hashes of session ids and forgets expired sessions', () => {
    const clock = createMovableClock();
    const store = createMemorySessionStore({ clock, idleMs: 1000, absoluteMs: 5000 });
    const { id, session } = store.create();
    expect(store.peek(id)).toBe(session);
    expect(store.peek(`${id}x`)).toBeUndefined();
    clock.advance(900);
    store.peek(id); // peeking is not activity
    clock.advance(200);
    expect(store.touch(id)).toBeUndefined();
  });

  test('removeOthers keeps only the given session', () => {
    const store = createMemorySessionStore({ clock: createMovableClock() });
    const a = store.create();
    const b = store.create();
    store.removeOthers(a.id);
    expect(store.peek(a.id)).toBeDefined();
    expect(store.peek(b.id)).toBeUndefined();
  });
});
