// One queue per notification ("lane"), what of it may show on this page, and the list operations on it.
import type {
  PublicConversion,
  PublicCounter,
  PublicNotification,
  PublicVisitors,
  WidgetDisplayRules,
} from '../../shared/protocol.ts';
import type { DisplayItem } from './items.ts';
import type { SessionMemory } from './session.ts';
import { counterAllowed, deviceAllowed } from './targeting.ts';
import { isPageAllowed } from './url.ts';

export interface ScheduleEnv {
  now(): number;
  /** The tab is in the background: nothing may show until it is visible again. */
  isHidden(): boolean;
  /** The viewport is narrower than 480 px (DisplayRules.mobile applies). */
  isNarrow(): boolean;
  /** location.pathname + location.search, for include/exclude rules (read each time: SPAs navigate). */
  pagePath(): string;
  random(): number;
  /** A phone or small touch screen (targeting.ts); without it every screen counts as a desktop. */
  isMobile?(): boolean;
}

export interface Lane {
  notification: PublicNotification;
  /** Every conversion known for a stream, newest first, capped at historyLimit: what a loop pass replays. */
  history: PublicConversion[];
  /** Conversions still to show in this pass. */
  pending: PublicConversion[];
  /** A counter or visitors lane still has its one popup to show in this pass. */
  due: boolean;
  /** A loop pass has started: the owner asked for history to repeat, so session repeats are allowed. */
  looped: boolean;
  /** History popups shown on this page (maxPerPage); live ones are not counted. */
  shownOnPage: number;
  /** When live popups of this lane were shown in the last minute (maxLivePerMinute). */
  liveShownAt: number[];
}

export function createLane(notification: PublicNotification): Lane {
  return { notification, history: [], pending: [], due: true, looped: false, shownOnPage: 0, liveShownAt: [] };
}

/** Server data is trusted but the page must survive anything: a non-array is treated as empty. */
export const asArray = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);

export const newestFirst = (conversions: PublicConversion[]) => conversions.sort((a, b) => b.timestamp - a.timestamp);

/** Newest first, or shuffled (Fisher-Yates) for order "random"; a new array either way. */
export function ordered(lane: Lane, conversions: PublicConversion[], random: () => number): PublicConversion[] {
  const list = conversions.slice();
  if (lane.notification.display.order !== 'random') return newestFirst(list);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j] as PublicConversion, list[i] as PublicConversion];
  }
  return list;
}

/** Puts `conversion` where the entry with its id is; true when there was one. */
export function replaceById(list: PublicConversion[], conversion: PublicConversion): boolean {
  const index = list.findIndex((entry) => entry.id === conversion.id);
  if (index >= 0) list[index] = conversion;
  return index >= 0;
}

/** The newer rules may be missing when the server is older than the widget: fall back to their defaults. */
const FALLBACK: Pick<WidgetDisplayRules, 'minDisplayMs' | 'maxLivePerMinute' | 'muteHoursOnClose'> = {
  minDisplayMs: 1000,
  maxLivePerMinute: 10,
  muteHoursOnClose: 0,
};

export function ruleOf(rules: WidgetDisplayRules, name: keyof typeof FALLBACK): number {
  const value = rules[name];
  return typeof value === 'number' && value >= 0 ? value : FALLBACK[name];
}

/** The owner's page rules (include/exclude, hidden on phones) bind live and history alike. */
export function allowedHere(lane: Lane, env: ScheduleEnv): boolean {
  const rules = lane.notification.display;
  return (
    !(rules.mobile === 'hidden' && env.isNarrow()) &&
    deviceAllowed(rules, () => env.isMobile?.() ?? false) &&
    isPageAllowed(rules, env.pagePath())
  );
}

/** From when a lane's history may show; undefined when it may not show now at all (caps, page rules). */
export function historyAvailableAt(
  lane: Lane,
  session: SessionMemory,
  env: ScheduleEnv,
  startedAt: number,
): number | undefined {
  const rules = lane.notification.display;
  if (lane.shownOnPage >= rules.maxPerPage) return undefined;
  if (session.shownCount(lane.notification.id) >= rules.maxPerSession) return undefined;
  if (!allowedHere(lane, env)) return undefined;
  return startedAt + rules.firstDelayMs;
}

/**
 * The lane's next showable history item (without taking it); drops conversions that can no longer show.
 * `serverNow` is the server's clock: conversion timestamps are on it, whatever the visitor's clock says.
 */
export function peekHistory(
  lane: Lane,
  serverNow: number,
  session: SessionMemory,
  counters: Map<number, PublicCounter>,
  visitors: PublicVisitors | null,
  /** location.pathname + search: a product counter shows only on the page it was counted for. */
  pagePath = '/',
): DisplayItem | undefined {
  const { notification } = lane;
  if (notification.kind === 'stream') {
    const maxAgeMs = notification.display.historyMaxAgeMs;
    while (lane.pending.length > 0) {
      const conversion = lane.pending[0] as PublicConversion;
      const stale = maxAgeMs > 0 && serverNow - conversion.timestamp > maxAgeMs;
      if (!stale && (lane.looped || !session.wasShown(conversion.id))) {
        return { type: 'conversion', notification, conversion };
      }
      lane.pending.shift();
    }
    return undefined;
  }
  if (!lane.due) return undefined;
  if (notification.kind === 'visitors') {
    return visitors?.message ? { type: 'visitors', notification, visitors } : undefined;
  }
  const counter = counters.get(notification.id);
  return counter?.message && counterAllowed(notification.display, counter, pagePath)
    ? { type: 'counter', notification, counter }
    : undefined;
}
