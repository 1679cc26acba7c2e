// Live first: a conversion pushed while the page is open shows at once or replaces history after
// minDisplayMs, outside the history caps, within maxLivePerMinute; a known id is an update; mute on close.
import { describe, expect, test, vi } from 'vitest';
import type { PublicConversion } from '../../shared/protocol.ts';
import { buildConversion, buildCounter, buildNotification, buildReady, SECOND_MS } from './builders.ts';
import { conversions, memoryStorage, NOW, type Page, runAll, useSchedulePages } from './schedule-page.ts';

const open = useSchedulePages();
const HOUR_MS = 3600 * SECOND_MS;

/** A conversion that happened just now, as the server pushes it. */
const liveOne = (id: number, overrides: Partial<PublicConversion> = {}) =>
  buildConversion({ id, timestamp: Date.now(), ...overrides });

const titleOnScreen = (page: Page) => {
  const item = page.visibleItem();
  return item?.type === 'conversion' ? item.conversion.title : undefined;
};

describe('live first', () => {
  test('on an empty screen a live conversion shows at once: no first delay, no gap', () => {
    const page = open();
    page.schedule.ready(buildReady({ conversions: conversions(2, 1) }));
    page.schedule.addConversion(liveOne(9));
    expect(page.visible()).toBe(9); // t = 0, while history still waits for its 3 s first delay

    vi.advanceTimersByTime(6 * SECOND_MS); // 9 has had its display time; the gap starts
    expect(page.visible()).toBeUndefined();
    page.schedule.addConversion(liveOne(10));
    expect(page.visible()).toBe(10);
    runAll();
    expect(page.labels()).toEqual([9, 10, 2, 1]);
  });

  test('replaces a history card once it has been up minDisplayMs, with no dismiss stat, then history resumes', () => {
    const page = open();
    page.schedule.ready(buildReady({ conversions: conversions(3, 2, 1) }));
    vi.advanceTimersByTime(3 * SECOND_MS);
    expect(page.visible()).toBe(3);
    vi.advanceTimersByTime(500);
    page.schedule.addConversion(liveOne(9));
    expect(page.visible()).toBe(3);
    vi.advanceTimersByTime(500 - 1);
    expect(page.visible()).toBe(3);
    vi.advanceTimersByTime(1);
    expect(page.visible()).toBe(9);
    expect(page.stats).toEqual([
      ['impression', 1],
      ['impression', 1],
    ]);
    runAll();
    expect(page.labels()).toEqual([3, 9, 2, 1]);
  });

  test('a card that has been up longer than minDisplayMs is replaced at once; minDisplayMs is the card’s rule', () => {
    const page = open();
    page.schedule.ready(
      buildReady({
        notifications: [buildNotification({ display: { minDisplayMs: 2500 } })],
        conversions: conversions(3, 2),
      }),
    );
    vi.advanceTimersByTime(3 * SECOND_MS + 2 * SECOND_MS);
    page.schedule.addConversion(liveOne(9));
    expect(page.visible()).toBe(3);
    vi.advanceTimersByTime(500);
    expect(page.visible()).toBe(9);

    page.schedule.addConversion(liveOne(10)); // a live card is not cut short by the next live one
    vi.advanceTimersByTime(6 * SECOND_MS - 1);
    expect(page.visible()).toBe(9);
    vi.advanceTimersByTime(1);
    expect(page.visible()).toBe(10);
  });

  test('while the visitor hovers or focuses a history card, the live one waits; it shows when they leave', () => {
    const page = open();
    page.schedule.ready(buildReady({ conversions: conversions(3, 2) }));
    vi.advanceTimersByTime(3 * SECOND_MS);
    page.controls().pause();
    page.schedule.addConversion(liveOne(9));
    vi.advanceTimersByTime(60 * SECOND_MS);
    expect(page.visible()).toBe(3);
    page.controls().resume();
    expect(page.visible()).toBe(9);
  });

  test('counter and visitor cards are replaced like history', () => {
    const page = open();
    page.schedule.ready(
      buildReady({
        notifications: [buildNotification({ id: 2, kind: 'conversion' }), buildNotification({ id: 1 })],
        counters: [buildCounter({ notificationId: 2 })],
      }),
    );
    vi.advanceTimersByTime(3 * SECOND_MS);
    expect(page.visible()).toBe('counter');
    vi.advanceTimersByTime(SECOND_MS);
    page.schedule.addConversion(liveOne(9));
    expect(page.visible()).toBe(9);
  });

  test('live ones are shown oldest first', () => {
    const page = open();
    page.schedule.ready(buildReady());
    for (const id of [11, 12, 13]) page.schedule.addConversion(liveOne(id));
    runAll();
    expect(page.labels()).toEqual([11, 12, 13]);
  });
});

describe('history caps bound history only', () => {
  test('a live conversion still shows after maxPerPage history cards, and does not use one up', () => {
    const page = open();
    page.schedule.ready(
      buildReady({
        notifications: [buildNotification({ display: { maxPerPage: 1 } })],
        conversions: conversions(3, 2),
      }),
    );
    runAll();
    expect(page.labels()).toEqual([3]);
    page.schedule.addConversion(liveOne(9));
    expect(page.visible()).toBe(9);
    runAll();
    page.schedule.addConversion(liveOne(10));
    expect(page.visible()).toBe(10);
    runAll();
    expect(page.labels()).toEqual([3, 9, 10]);

    const fresh = open();
    fresh.schedule.ready(
      buildReady({
        notifications: [buildNotification({ display: { maxPerPage: 2 } })],
        conversions: conversions(3, 2),
      }),
    );
    fresh.schedule.addConversion(liveOne(9));
    runAll();
    expect(fresh.labels()).toEqual([9, 3, 2]);
  });

  test('a live conversion shows after maxPerSession is reached, and is not repeated as history on the next page', () => {
    const storage = memoryStorage();
    const rules = { maxPerSession: 1 };
    const first = open(storage);
    first.schedule.ready(
      buildReady({ notifications: [buildNotification({ display: rules })], conversions: conversions(3, 2) }),
    );
    runAll();
    first.schedule.addConversion(liveOne(9));
    runAll();
    expect(first.labels()).toEqual([3, 9]);

    const second = open(storage);
    second.schedule.ready(
      buildReady({
        notifications: [buildNotification({ display: { maxPerSession: 5 } })],
        conversions: [liveOne(9), ...conversions(3, 2)],
      }),
    );
    runAll();
    expect(second.labels()).toEqual([2]);
  });

  test('past maxLivePerMinute, live conversions join the history and keep its pace', () => {
    const page = open();
    page.schedule.ready(buildReady({ notifications: [buildNotification({ display: { maxLivePerMinute: 2 } })] }));
    for (const id of [11, 12, 13, 14]) page.schedule.addConversion(liveOne(id));
    expect(page.visible()).toBe(11);
    vi.advanceTimersByTime(6 * SECOND_MS);
    expect(page.visible()).toBe(12);
    vi.advanceTimersByTime(6 * SECOND_MS); // the third within the minute: history now, after the 4 s gap
    expect(page.visible()).toBeUndefined();
    vi.advanceTimersByTime(4 * SECOND_MS);
    expect(page.visible()).toBe(14);
    vi.advanceTimersByTime(50 * SECOND_MS); // a minute after 11 and 12 were shown: live shows at once again
    page.schedule.addConversion(liveOne(15));
    expect(page.visible()).toBe(15);
    runAll();
    expect(page.labels()).toEqual([11, 12, 14, 13, 15]);
  });
});

describe('a known id is an update', () => {
  test('on screen: the same card gets the new text, with no second impression and no second popup', () => {
    const page = open();
    page.schedule.ready(buildReady({ conversions: conversions(3, 2) }));
    vi.advanceTimersByTime(3 * SECOND_MS);
    const replayed = {
      ...(page.visibleItem() as { conversion: PublicConversion }).conversion,
      title: 'Maria from Austin',
    };
    page.schedule.addConversion(replayed);
    expect(page.updates.map((item) => item.type === 'conversion' && item.conversion.title)).toEqual([
      'Maria from Austin',
    ]);
    expect(titleOnScreen(page)).toBe('Maria from Austin');
    expect(page.stats).toEqual([['impression', 1]]);
    runAll();
    expect(page.labels()).toEqual([3, 2]);
  });

  test('queued as history or live: replaced in place and shown once, with the new text', () => {
    const page = open();
    page.schedule.ready(buildReady({ conversions: conversions(3, 2) }));
    page.schedule.addConversion({ ...(conversions(3, 2)[1] as PublicConversion), title: 'Two, re-derived' });
    page.schedule.addConversion(liveOne(11));
    page.schedule.addConversion(liveOne(12));
    page.schedule.addConversion(liveOne(12, { title: 'Twelve, re-derived' }));
    runAll();
    expect(page.labels()).toEqual([11, 12, 3, 2]);
    const titles = page.shown.map((item) => item.type === 'conversion' && item.conversion.title);
    expect(titles[1]).toBe('Twelve, re-derived');
    expect(titles[3]).toBe('Two, re-derived');
  });

  test('once shown and gone, an update does not bring it back; a reconnect backfill updates too', () => {
    const page = open();
    page.schedule.ready(buildReady({ conversions: conversions(3, 2) }));
    runAll();
    page.schedule.addConversion({ ...(conversions(3)[0] as PublicConversion), title: 'again' });
    page.schedule.ready(buildReady({ conversions: conversions(3, 2) }));
    runAll();
    expect(page.labels()).toEqual([3, 2]);
  });
});

describe('mute on close', () => {
  const muted = { notifications: [buildNotification({ display: { muteHoursOnClose: 2 } })] };

  test('the close button mutes every popup for muteHoursOnClose, across page views, then they come back', () => {
    const local = memoryStorage();
    const page = open(undefined, local);
    page.schedule.ready(buildReady({ ...muted, conversions: conversions(3, 2) }));
    vi.advanceTimersByTime(3 * SECOND_MS);
    page.controls().close();
    expect(page.visible()).toBeUndefined();
    expect(page.stats).toEqual([
      ['impression', 1],
      ['dismiss', 1],
    ]);
    expect(local.getItem('proofhook:muted-until:site-key')).toBe(String(NOW + 3 * SECOND_MS + 2 * HOUR_MS));

    page.schedule.addConversion(liveOne(9));
    page.schedule.updateCounter(buildCounter());
    const next = open(undefined, local); // a reload: a new tab session, the same browser
    next.schedule.ready(buildReady({ ...muted, conversions: conversions(3, 2) }));
    vi.advanceTimersByTime(2 * HOUR_MS - 1);
    expect(page.labels()).toEqual([3]);
    expect(next.labels()).toEqual([]);

    vi.advanceTimersByTime(1);
    runAll();
    expect(page.labels()).toEqual([3, 9, 2]); // what came while muted waited as history
    expect(next.labels()).toEqual([3, 2]);
  });

  test('muteHoursOnClose 0, Esc, a blocked localStorage or the owner’s preview: closing closes only that popup', () => {
    const refuse = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    const blocked = Object.assign(memoryStorage(), { getItem: refuse, setItem: refuse });
    const pages: Array<[Page, 'close' | 'dismiss', Parameters<Page['schedule']['ready']>[0]]> = [
      [open(), 'close', buildReady({ conversions: conversions(3, 2) })],
      [open(), 'dismiss', buildReady({ ...muted, conversions: conversions(3, 2) })],
      [open(undefined, blocked), 'close', buildReady({ ...muted, conversions: conversions(3, 2) })],
      [open(), 'close', buildReady({ ...muted, preview: true, conversions: conversions(3, 2) })],
    ];
    for (const [page, , payload] of pages) page.schedule.ready(payload);
    vi.advanceTimersByTime(3 * SECOND_MS);
    for (const [page, action] of pages) page.controls()[action]();
    vi.advanceTimersByTime(6 * SECOND_MS);
    for (const [page] of pages) {
      expect(page.labels()).toEqual([3, 2]);
      expect(page.local.length).toBe(0);
    }
  });
});

describe('preview and test events', () => {
  test('items carry the preview flag; a test event shows live without stats and is never looped', () => {
    const page = open();
    page.schedule.ready(
      buildReady({ notifications: [buildNotification({ display: { loop: true, maxPerPage: 4 } })], preview: true }),
    );
    page.schedule.addConversion(liveOne(-1, { test: true }));
    expect(page.visibleItem()).toMatchObject({ preview: true, conversion: { id: -1, test: true } });
    page.controls().click();
    runAll();
    expect(page.labels()).toEqual([-1]);
    expect(page.stats).toEqual([]);
  });
});
