// What this browser remembers for the site's goals, in one localStorage entry per widget key and no
// cookie: a random draw made once (the control group), when it last saw and last clicked a popup and
// which notification that was, what it already counted today, and goals not yet sent. Nothing here
// identifies the browser, and none of it leaves the browser except as a group name (docs/goals.md).
import type { GoalExposure } from '../../shared/protocol.ts';

const DAY_MS = 86_400_000;

interface Saved {
  /** Random draw in [0, 1), made on the first visit: below controlPercent / 100 means control. */
  r: number;
  /** Last popup seen and clicked, epoch ms; the clicked notification's id. */
  s?: number;
  c?: number;
  n?: number;
  /** UTC day the `t` list is for: what was counted that day ('v:exposed' a visit, 'g:signup' a goal). */
  d?: string;
  t?: string[];
  /** Goals reached but not yet sent (the page went away first): [name, value]. */
  p?: Array<[string, number]>;
}

export interface ExposureMemory {
  readonly saved: Saved;
  /** The browser's group now, given the site's window and control share. */
  exposure(now: number, windowDays: number, controlPercent: number): GoalExposure;
  /** True the first time today for this key ('v:exposed', 'g:signup'); marks it. */
  firstToday(key: string, now: number): boolean;
  /** Reads what other tabs of the site wrote since: call before a change, so none is lost. */
  reload(): void;
  save(): void;
}

export const goalsStorageKey = (widgetKey: string) => `proofhook:goals:${widgetKey}`;

/** undefined when the browser keeps nothing (blocked site data): then goals are not counted at all. */
export function createExposureMemory(widgetKey: string, getStorage: () => Storage): ExposureMemory | undefined {
  const key = goalsStorageKey(widgetKey);
  let saved: Saved;
  try {
    const parsed = JSON.parse(getStorage().getItem(key) ?? 'null') as Partial<Saved> | null;
    saved =
      parsed && typeof parsed.r === 'number' && parsed.r >= 0 && parsed.r < 1
        ? (parsed as Saved)
        : { r: Math.random() };
    getStorage().setItem(key, JSON.stringify(saved));
  } catch {
    return undefined;
  }
  const save = () => {
    try {
      getStorage().setItem(key, JSON.stringify(saved));
    } catch {
      // Quota: this page view still knows.
    }
  };
  return {
    saved,
    save,
    reload() {
      try {
        const stored = JSON.parse(getStorage().getItem(key) ?? 'null') as Partial<Saved> | null;
        if (stored && stored.r === saved.r) Object.assign(saved, stored);
      } catch {
        // Keep this page's copy.
      }
    },
    exposure(now, windowDays, controlPercent) {
      if (saved.r * 100 < controlPercent) return 'control';
      const windowMs = windowDays * DAY_MS;
      if (saved.c && now - saved.c < windowMs) return 'clicked';
      return saved.s && now - saved.s < windowMs ? 'exposed' : 'unexposed';
    },
    firstToday(name, now) {
      this.reload();
      const day = new Date(now).toISOString().slice(0, 10);
      const today = saved.d === day && saved.t ? saved.t : [];
      if (today.indexOf(name) >= 0) return false;
      saved.d = day;
      saved.t = today.concat(name);
      save();
      return true;
    },
  };
}
