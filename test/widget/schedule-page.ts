// One page view for schedule tests: a schedule over a recording display, with in-memory storages.
// Call useSchedulePages() in a test file: fake timers at NOW, and every page stopped after each test.
import { afterEach, beforeEach, vi } from 'vitest';
import type { PublicConversion, WidgetStatType } from '../../shared/protocol.ts';
import type { Display, DisplayControls, DisplayItem } from '../../widget/src/items.ts';
import { createLog } from '../../widget/src/log.ts';
import { createMuteMemory } from '../../widget/src/mute.ts';
import { createSchedule, type Schedule } from '../../widget/src/schedule.ts';
import { createSessionMemory } from '../../widget/src/session.ts';
import { buildConversion, SECOND_MS } from './builders.ts';

export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

export function label(item: DisplayItem): string | number {
  return item.type === 'conversion' ? item.conversion.id : item.type;
}

/**
 * One page view. Pass the same session storage to simulate the next page view in the tab, and the same
 * local storage for the next page view in the browser (mute).
 */
function createPage(storage: Storage, local: Storage) {
  const shown: DisplayItem[] = [];
  const updates: DisplayItem[] = [];
  const stats: Array<[WidgetStatType, number]> = [];
  const env = {
    hidden: false,
    narrow: false,
    path: '/',
    now: () => Date.now(),
    isHidden: () => env.hidden,
    isNarrow: () => env.narrow,
    pagePath: () => env.path,
    random: () => 0,
  };
  let visible: DisplayItem | undefined;
  let controls: DisplayControls | undefined;
  const display: Display = {
    show(item, itemControls) {
      shown.push(item);
      visible = item;
      controls = itemControls;
      return true;
    },
    update(item) {
      updates.push(item);
      visible = item;
    },
    hide() {
      visible = undefined;
    },
  };
  const schedule = createSchedule({
    display,
    session: createSessionMemory('site-key', () => storage),
    mute: createMuteMemory('site-key', () => local),
    env,
    log: createLog(false),
    onStat: (type, notificationId) => stats.push([type, notificationId]),
  });
  return {
    schedule,
    env,
    stats,
    storage,
    local,
    /** What has been shown so far, as short labels: conversion ids, "counter", "visitors". */
    labels: () => shown.map(label),
    shown,
    updates,
    visible: () => (visible ? label(visible) : undefined),
    visibleItem: () => visible,
    controls: () => controls as DisplayControls,
  };
}

export type Page = ReturnType<typeof createPage>;

export const conversions = (...ids: number[]): PublicConversion[] =>
  // Newest first, as the server sends them: the first id is the most recent.
  ids.map((id, index) => buildConversion({ id, timestamp: NOW - (index + 1) * 60 * SECOND_MS }));

/** Runs long enough for every queued popup to show (and nothing else to be pending). */
export const runAll = () => vi.advanceTimersByTime(10 * 60 * SECOND_MS);

export function useSchedulePages(): (storage?: Storage, local?: Storage) => Page {
  let pages: Schedule[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    for (const schedule of pages) schedule.stop();
    pages = [];
    vi.useRealTimers();
  });
  return (storage = memoryStorage(), local = memoryStorage()) => {
    const page = createPage(storage, local);
    pages.push(page.schedule);
    return page;
  };
}
