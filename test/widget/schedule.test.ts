// The history side of the schedule: first delay, display time, gap, caps, order, loop, page conditions.
// Live conversions and mute: schedule-live.test.ts.
import { describe, expect, test, vi } from 'vitest';
import type { PublicConversion } from '../../shared/protocol.ts';
import { buildConversion, buildCounter, buildNotification, buildReady, SECOND_MS } from './builders.ts';
import { conversions, memoryStorage, NOW, runAll, useSchedulePages } from './schedule-page.ts';

const open = useSchedulePages();

describe('timing', () => {
  test('shows nothing before the first delay, then one popup for displayMs, then waits gapMs', () => {
    const page = open();
    page.schedule.ready(buildReady({ conversions: conversions(3, 2, 1) }));

    vi.advanceTimersByTime(3 * SECOND_MS - 1);
    expect(page.labels()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(page.visible()).toBe(3);
    expect(page.stats).toEqual([['impression', 1]]);

    vi.advanceTimersByTime(6 * SECOND_MS - 1);
    expect(page.visible()).toBe(3);
    vi.advanceTimersByTime(1);
    expect(page.visible()).toBeUndefined();

    vi.advanceTimersByTime(4 * SECOND_MS - 1);
    expect(page.labels()).toEqual([3]);
    vi.advanceTimersByTime(1);
    expect(page.visible()).toBe(2);
  });

  test('each notification waits for its own first delay', () => {
    const page = open();
    page.schedule.ready(
      buildReady({
        notifications: [buildNotification({ id: 2, kind: 'conversion', display: { firstDelayMs: 20 * SECOND_MS } })],
        counters: [buildCounter({ notificationId: 2 })],
      }),
    );
    vi.advanceTimersByTime(20 * SECOND_MS - 1);
    expect(page.labels()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(page.visible()).toBe('counter');
  });

  test('hovering or focusing pauses the display timer and leaving resumes it with the time left', () => {
    const page = open();
    page.schedule.ready(buildReady({ conversions: conversions(1) }));
    vi.advanceTimersByTime(3 * SECOND_MS + 1 * SECOND_MS);
    page.controls().pause();
    vi.advanceTimersByTime(60 * SECOND_MS);
    expect(page.visible()).toBe(1);
    page.controls().resume();
    vi.advanceTimersByTime(5 * SECOND_MS - 1);
    expect(page.visible()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(page.visible()).toBeUndefined();
  });

  test('dismiss hides at once, reports a dismiss stat and still keeps the gap before the next popup', () => {
    const page = open();
    page.schedule.ready(buildReady({ conversions: conversions(2, 1) }));
    vi.advanceTimersByTime(3 * SECOND_MS);
    page.controls().dismiss();
    expect(page.visible()).toBeUndefined();
    expect(page.stats).toEqual([
      ['impression', 1],
      ['dismiss', 1],
    ]);
    vi.advanceTimersByTime(4 * SECOND_MS - 1);
    expect(page.visible()).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(page.visible()).toBe(1);
  });

  test('a click reports a click stat; controls of an earlier popup do nothing', () => {
    const page = open();
    page.schedule.ready(buildReady({ conversions: conversions(2, 1) }));
    vi.advanceTimersByTime(3 * SECOND_MS);
    const first = page.controls();
    first.click();
    vi.advanceTimersByTime(10 * SECOND_MS);
    expect(page.visible()).toBe(1);
    first.dismiss();
    first.click();
    expect(page.visible()).toBe(1);
    expect(page.stats).toEqual([
      ['impression', 1],
      ['click', 1],
      ['impression', 1],
    ]);
  });
});

describe('limits and repeats', () => {
  test('stops at maxPerPage', () => {
    const page = open();
    page.schedule.ready(
      buildReady({
        notifications: [buildNotification({ display: { maxPerPage: 2 } })],
        conversions: conversions(5, 4, 3, 2, 1),
      }),
    );
    runAll();
    expect(page.labels()).toEqual([5, 4]);
  });

  test('counts maxPerSession across page views and never repeats a conversion in the session', () => {
    const storage = memoryStorage();
    const rules = { maxPerPage: 2, maxPerSession: 3 };
    const first = open(storage);
    first.schedule.ready(
      buildReady({ notifications: [buildNotification({ display: rules })], conversions: conversions(5, 4, 3, 2, 1) }),
    );
    runAll();
    expect(first.labels()).toEqual([5, 4]);

    const second = open(storage);
    second.schedule.ready(
      buildReady({ notifications: [buildNotification({ display: rules })], conversions: conversions(5, 4, 3, 2, 1) }),
    );
    runAll();
    expect(second.labels()).toEqual([3]);
  });

  test('never queues a conversion it already has twice, from a live event or a backfill after reconnect', () => {
    const page = open();
    const backfill = conversions(3, 2, 1);
    page.schedule.ready(buildReady({ conversions: backfill }));
    page.schedule.addConversion(backfill[0] as PublicConversion);
    page.schedule.ready(buildReady({ conversions: [buildConversion({ id: 4 }), ...backfill] }));
    page.schedule.addConversion(buildConversion({ id: 4 }));
    runAll();
    expect(page.labels()).toEqual([4, 3, 2, 1]);
  });

  test('without loop, the history shows once; with loop, it starts over once everything has been shown', () => {
    const once = open();
    once.schedule.ready(buildReady({ conversions: conversions(2, 1) }));
    runAll();
    expect(once.labels()).toEqual([2, 1]);

    const looping = open();
    looping.schedule.ready(
      buildReady({
        notifications: [buildNotification({ display: { loop: true, maxPerPage: 5 } })],
        conversions: conversions(2, 1),
      }),
    );
    runAll();
    expect(looping.labels()).toEqual([2, 1, 2, 1, 2]);
  });

  test('a conversion older than historyMaxAgeMs is not shown', () => {
    const page = open();
    page.schedule.ready(
      buildReady({
        notifications: [buildNotification({ display: { historyMaxAgeMs: 3600 * SECOND_MS } })],
        conversions: [buildConversion({ id: 1, timestamp: NOW - 2 * 3600 * SECOND_MS })],
      }),
    );
    runAll();
    expect(page.labels()).toEqual([]);
  });

  test('the age is judged on the server clock, so a visitor whose clock runs days ahead still sees recent history', () => {
    const serverTime = NOW - 10 * 24 * 3600 * SECOND_MS;
    const page = open();
    page.schedule.ready(
      buildReady({
        serverTime,
        notifications: [buildNotification({ display: { historyMaxAgeMs: 3600 * SECOND_MS } })],
        conversions: [
          buildConversion({ id: 2, timestamp: serverTime - 60 * SECOND_MS }),
          buildConversion({ id: 1, timestamp: serverTime - 2 * 3600 * SECOND_MS }),
        ],
      }),
    );
    runAll();
    expect(page.labels()).toEqual([2]);
  });

  test('order "random" shuffles the history', () => {
    const page = open();
    page.schedule.ready(
      buildReady({
        notifications: [buildNotification({ display: { order: 'random' } })],
        conversions: conversions(3, 2, 1),
      }),
    );
    runAll();
    expect(page.labels()).toEqual([2, 1, 3]); // Fisher-Yates with random() = 0
  });
});

describe('queue', () => {
  test('a live conversion that arrives before widget:ready is kept, once, after the ready backfill', () => {
    const page = open();
    page.schedule.addConversion(buildConversion({ id: 9, timestamp: NOW }));
    page.schedule.addConversion(buildConversion({ id: 3, timestamp: NOW }));
    page.schedule.ready(buildReady({ conversions: conversions(3, 2) }));
    runAll();
    expect(page.labels()).toEqual([9, 3, 2]);
  });

  test('after a reconnect, the backfilled conversions count as live', () => {
    const page = open();
    page.schedule.ready(buildReady({ conversions: conversions(3, 2, 1) }));
    vi.advanceTimersByTime(3 * SECOND_MS);
    page.schedule.ready(
      buildReady({
        conversions: [buildConversion({ id: 5, timestamp: NOW }), buildConversion({ id: 4, timestamp: NOW - 1 })],
      }),
    );
    runAll();
    expect(page.labels()).toEqual([3, 4, 5, 2, 1]);
  });

  test('rotates between notifications: stream, counter, visitors', () => {
    const page = open();
    page.schedule.ready(
      buildReady({
        notifications: [
          buildNotification({ id: 1 }),
          buildNotification({ id: 2, kind: 'conversion' }),
          buildNotification({ id: 3, kind: 'visitors' }),
        ],
        conversions: conversions(3, 2, 1),
        counters: [buildCounter({ notificationId: 2 })],
        visitors: { count: 7, message: '7 people are viewing this site right now' },
      }),
    );
    runAll();
    expect(page.labels()).toEqual([3, 'counter', 'visitors', 2, 1]);
  });

  test('an empty counter message and null visitors are skipped until an update makes them showable', () => {
    const page = open();
    page.schedule.ready(
      buildReady({
        notifications: [
          buildNotification({ id: 2, kind: 'conversion' }),
          buildNotification({ id: 3, kind: 'visitors' }),
        ],
        counters: [buildCounter({ notificationId: 2, message: '' })],
        visitors: null,
      }),
    );
    runAll();
    expect(page.labels()).toEqual([]);
    page.schedule.updateVisitors({ count: 4, message: '4 people are viewing this site right now' });
    vi.advanceTimersByTime(1);
    expect(page.visible()).toBe('visitors');
    page.schedule.updateCounter(buildCounter({ notificationId: 2 }));
    runAll();
    expect(page.labels()).toEqual(['visitors', 'counter']);
  });
});

describe('page conditions', () => {
  test('nothing shows while the tab is hidden; it resumes when the tab is visible again', () => {
    const page = open();
    page.env.hidden = true;
    page.schedule.ready(buildReady({ conversions: conversions(1) }));
    runAll();
    expect(page.labels()).toEqual([]);
    page.env.hidden = false;
    page.schedule.wake();
    expect(page.visible()).toBe(1);
  });

  test('include and exclude patterns are checked against path and query', () => {
    const page = open();
    page.env.path = '/checkout?step=2';
    page.schedule.ready(
      buildReady({
        notifications: [buildNotification({ display: { exclude: ['/checkout*'] } })],
        conversions: conversions(1),
      }),
    );
    runAll();
    expect(page.labels()).toEqual([]);
  });

  test('mobile "hidden" keeps a notification off narrow screens', () => {
    const page = open();
    page.env.narrow = true;
    page.schedule.ready(
      buildReady({
        notifications: [buildNotification({ display: { mobile: 'hidden' } })],
        conversions: conversions(1),
      }),
    );
    runAll();
    expect(page.labels()).toEqual([]);
  });

  test('works when sessionStorage throws on every access', () => {
    const throwing = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    const storage = { getItem: throwing, setItem: throwing } as unknown as Storage;
    const page = open(storage);
    page.schedule.ready(buildReady({ conversions: conversions(2, 1) }));
    runAll();
    expect(page.labels()).toEqual([2, 1]);
  });
});
