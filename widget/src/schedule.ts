// The schedule: decides what shows when — first delay, display time, gap, limits, order, loop, no repeats.
import type {
  PublicConversion,
  PublicCounter,
  PublicNotification,
  PublicVisitors,
  WidgetReadyPayload,
  WidgetStatType,
} from '../../shared/protocol.ts';
import type { Display, DisplayControls, DisplayItem } from './items.ts';
import { guard, type Log } from './log.ts';
import type { SessionMemory } from './session.ts';
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
}

export interface ScheduleDeps {
  display: Display;
  session: SessionMemory;
  env: ScheduleEnv;
  log: Log;
  onStat(type: WidgetStatType, notificationId: number): void;
}

export interface Schedule {
  ready(payload: WidgetReadyPayload): void;
  addConversion(conversion: PublicConversion): void;
  updateCounter(counter: PublicCounter): void;
  updateVisitors(visitors: PublicVisitors | null): void;
  /** Re-evaluates what may show now (the tab became visible, the page changed). */
  wake(): void;
  stop(): void;
}

/** One notification's queue. Popups rotate between lanes; a live conversion goes before all of them. */
interface Lane {
  notification: PublicNotification;
  /** Every conversion known for a stream, newest first, capped at historyLimit: what a loop pass replays. */
  history: PublicConversion[];
  /** Conversions still to show in this pass. */
  pending: PublicConversion[];
  /** A counter or visitors lane still has its one popup to show in this pass. */
  due: boolean;
  /** A loop pass has started: the owner asked for history to repeat, so session repeats are allowed. */
  looped: boolean;
  shownOnPage: number;
}

interface Showing {
  lane: Lane;
  remainingMs: number;
  since: number;
  paused: boolean;
}

const MAX_EARLY = 50;

/** Server data is trusted but the page must survive anything: a non-array is treated as empty. */
const asArray = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);

const newestFirst = (conversions: PublicConversion[]) => conversions.sort((a, b) => b.timestamp - a.timestamp);

export function createSchedule({ display, session, env, log, onStat }: ScheduleDeps): Schedule {
  const startedAt = env.now();
  let lanes = new Map<number, Lane>();
  /** Conversions that arrived while the page was open, oldest first. */
  const live: PublicConversion[] = [];
  /** Live conversions that beat widget:ready (the server joins the room before its snapshot query ends). */
  const early: PublicConversion[] = [];
  /** Every conversion id queued on this page: the same conversion never enters twice (backfill after reconnect). */
  const known = new Set<number>();
  const counters = new Map<number, PublicCounter>();
  let visitors: PublicVisitors | null = null;
  let readyCount = 0;
  let cursor = 0;
  let gapUntil = 0;
  let current: Showing | undefined;
  let nextTimer: ReturnType<typeof setTimeout> | undefined;
  let displayTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const ordered = (lane: Lane, conversions: PublicConversion[]): PublicConversion[] => {
    const list = conversions.slice();
    if (lane.notification.display.order !== 'random') return newestFirst(list);
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(env.random() * (i + 1));
      [list[i], list[j]] = [list[j] as PublicConversion, list[i] as PublicConversion];
    }
    return list;
  };

  /** Records a conversion in its lane's history; undefined when its lane is unknown or it is already queued. */
  const accept = (conversion: PublicConversion): Lane | undefined => {
    const lane = lanes.get(conversion?.notificationId);
    if (lane?.notification.kind !== 'stream' || typeof conversion.id !== 'number') return undefined;
    if (known.has(conversion.id)) return undefined;
    known.add(conversion.id);
    lane.history = newestFirst([conversion, ...lane.history]).slice(0, lane.notification.display.historyLimit);
    return lane;
  };

  /** From when the lane may show; undefined when it may not show now at all. */
  const availableAt = (lane: Lane): number | undefined => {
    const rules = lane.notification.display;
    if (lane.shownOnPage >= rules.maxPerPage) return undefined;
    if (session.shownCount(lane.notification.id) >= rules.maxPerSession) return undefined;
    if (rules.mobile === 'hidden' && env.isNarrow()) return undefined;
    if (!isPageAllowed(rules, env.pagePath())) return undefined;
    return startedAt + rules.firstDelayMs;
  };

  /** The lane's next showable item (without taking it); drops conversions that can no longer show. */
  const peek = (lane: Lane, now: number): DisplayItem | undefined => {
    const { notification } = lane;
    if (notification.kind === 'stream') {
      const maxAgeMs = notification.display.historyMaxAgeMs;
      while (lane.pending.length > 0) {
        const conversion = lane.pending[0] as PublicConversion;
        const stale = maxAgeMs > 0 && now - conversion.timestamp > maxAgeMs;
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
    return counter?.message ? { type: 'counter', notification, counter } : undefined;
  };

  /** The next item to show now, the time to look again, or undefined when there is nothing to wait for. */
  const pick = (now: number): { lane: Lane; item: DisplayItem } | number | undefined => {
    let wakeAt = Number.POSITIVE_INFINITY;
    for (let i = 0; i < live.length; ) {
      const conversion = live[i] as PublicConversion;
      const lane = lanes.get(conversion.notificationId);
      const at = lane && availableAt(lane);
      if (!lane || at === undefined || session.wasShown(conversion.id)) {
        live.splice(i, 1); // it would be stale by the time this page allows it
      } else if (at > now) {
        wakeAt = Math.min(wakeAt, at);
        i++;
      } else {
        live.splice(i, 1);
        return { lane, item: { type: 'conversion', notification: lane.notification, conversion } };
      }
    }
    const rotation = [...lanes.values()];
    for (let step = 0; step < rotation.length; step++) {
      const index = (cursor + step) % rotation.length;
      const lane = rotation[index] as Lane;
      const at = availableAt(lane);
      const item = at === undefined ? undefined : peek(lane, now);
      if (at === undefined || !item) continue;
      if (at > now) {
        wakeAt = Math.min(wakeAt, at);
        continue;
      }
      if (item.type === 'conversion') lane.pending.shift();
      else lane.due = false;
      cursor = index + 1;
      return { lane, item };
    }
    return wakeAt === Number.POSITIVE_INFINITY ? undefined : wakeAt;
  };

  /** Once nothing is left anywhere, lanes with `loop` start over from their history. */
  const startLoopPass = (): boolean => {
    let started = false;
    for (const lane of lanes.values()) {
      if (!lane.notification.display.loop) continue;
      lane.pending = ordered(lane, lane.history);
      lane.due = true;
      lane.looped = true;
      started = true;
    }
    return started;
  };

  const waitUntil = (at: number) => {
    clearTimeout(nextTimer);
    nextTimer = setTimeout(tick, Math.max(0, at - env.now()));
  };

  const end = (showing: Showing, dismissed: boolean) => {
    if (current !== showing) return;
    clearTimeout(displayTimer);
    current = undefined;
    display.hide();
    if (dismissed) onStat('dismiss', showing.lane.notification.id);
    gapUntil = env.now() + showing.lane.notification.display.gapMs;
    tick();
  };

  const show = (lane: Lane, item: DisplayItem, now: number) => {
    const rules = lane.notification.display;
    const showing: Showing = { lane, remainingMs: rules.displayMs, since: now, paused: false };
    const controls: DisplayControls = {
      pause: guard(log, () => {
        if (current !== showing || showing.paused) return;
        showing.paused = true;
        clearTimeout(displayTimer);
        showing.remainingMs -= env.now() - showing.since;
      }),
      resume: guard(log, () => {
        if (current !== showing || !showing.paused) return;
        showing.paused = false;
        showing.since = env.now();
        displayTimer = setTimeout(
          guard(log, () => end(showing, false)),
          Math.max(0, showing.remainingMs),
        );
      }),
      dismiss: guard(log, () => end(showing, true)),
      click: guard(log, () => {
        if (current === showing) onStat('click', lane.notification.id);
      }),
    };
    if (!display.show(item, controls)) {
      gapUntil = now + rules.gapMs;
      waitUntil(gapUntil);
      return;
    }
    current = showing;
    lane.shownOnPage++;
    session.recordShown(lane.notification.id, item.type === 'conversion' ? item.conversion.id : undefined);
    onStat('impression', lane.notification.id);
    displayTimer = setTimeout(
      guard(log, () => end(showing, false)),
      rules.displayMs,
    );
  };

  const tick = guard(log, () => {
    clearTimeout(nextTimer);
    nextTimer = undefined;
    if (current || stopped || env.isHidden()) return; // visibilitychange → wake() → tick
    const now = env.now();
    if (now < gapUntil) return waitUntil(gapUntil);
    let next = pick(now);
    if (next === undefined && startLoopPass()) next = pick(now);
    if (next === undefined) return; // idle until the server sends something
    if (typeof next === 'number') return waitUntil(next);
    show(next.lane, next.item, now);
  });

  return {
    ready(payload) {
      const first = readyCount++ === 0;
      const next = new Map<number, Lane>();
      for (const notification of asArray(payload.notifications)) {
        if (typeof notification?.id !== 'number' || !notification.display) continue;
        const lane = lanes.get(notification.id);
        if (lane) lane.notification = notification;
        next.set(
          notification.id,
          lane ?? { notification, history: [], pending: [], due: true, looped: false, shownOnPage: 0 },
        );
      }
      lanes = next; // a notification the server no longer lists stops showing
      counters.clear();
      for (const counter of asArray(payload.counters)) if (counter) counters.set(counter.notificationId, counter);
      visitors = payload.visitors ?? null;
      const fresh = asArray(payload.conversions).filter((conversion) => accept(conversion));
      if (first) {
        for (const lane of lanes.values()) {
          lane.pending = ordered(
            lane,
            fresh.filter((conversion) => conversion.notificationId === lane.notification.id),
          );
        }
      } else {
        // After a reconnect the backfill is what happened while offline: as good as live.
        live.push(...fresh.sort((a, b) => a.timestamp - b.timestamp));
      }
      for (const conversion of early.splice(0)) if (accept(conversion)) live.push(conversion);
      tick();
    },
    addConversion(conversion) {
      if (readyCount === 0) {
        if (early.length < MAX_EARLY) early.push(conversion);
        return;
      }
      if (!accept(conversion)) return;
      live.push(conversion);
      tick();
    },
    updateCounter(counter) {
      counters.set(counter.notificationId, counter);
      tick();
    },
    updateVisitors(next) {
      visitors = next;
      tick();
    },
    wake: tick,
    stop() {
      stopped = true;
      clearTimeout(nextTimer);
      clearTimeout(displayTimer);
      if (current) display.hide();
      current = undefined;
    },
  };
}
