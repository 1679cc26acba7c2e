// The schedule: decides what shows when. Live first: a conversion pushed while the page is open shows at
// once, or replaces a history card once that has been readable for minDisplayMs. History keeps its pace
// (first delay, display time, gap, caps, order, loop) and never repeats within a tab session.
import type { PublicConversion, PublicCounter, PublicVisitors, WidgetStatType } from '../../shared/protocol.ts';
import { createCardControls } from './card-controls.ts';
import { pickHistory, startLoopPass } from './history-pick.ts';
import type { DisplayItem } from './items.ts';
import { asArray, createLane, type Lane, newestFirst, ordered, replaceById, ruleOf } from './lanes.ts';
import { peekLive, toHistory } from './live-pick.ts';
import { guard } from './log.ts';
import { HOUR_MS, type Schedule, type ScheduleDeps, type Showing } from './schedule-types.ts';

export type { ScheduleEnv } from './lanes.ts';
export type { Schedule, ScheduleDeps } from './schedule-types.ts';

const MAX_EARLY = 50;
/** setTimeout fires at once for delays past 2^31 - 1 ms (~24.8 days); a mute can be longer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createSchedule({ display, session, mute, env, log, onStat }: ScheduleDeps): Schedule {
  const startedAt = env.now();
  let lanes = new Map<number, Lane>();
  /**
   * Conversions pushed while the page is open, shown oldest first: each card says how long ago it
   * happened, so arrival order keeps that story straight, and with the flood guard (live-pick.ts) at
   * most a few wait, so none starves behind a steady stream of newer ones (newest-first could starve them).
   */
  const live: PublicConversion[] = [];
  /** Live conversions that beat widget:ready (the server joins the room before its snapshot query ends). */
  const early: PublicConversion[] = [];
  /** Every conversion id queued on this page: a known id arriving again is an update, never a second popup. */
  const known = new Set<number>();
  const counters = new Map<number, PublicCounter>();
  let visitors: PublicVisitors | null = null;
  let preview = false;
  /** Server clock minus this page's: history age is judged on the server's clock (a visitor's may be days off). */
  let serverOffsetMs = 0;
  let readyCount = 0;
  let cursor = 0;
  let gapUntil = 0;
  let current: Showing | undefined;
  let nextTimer: ReturnType<typeof setTimeout> | undefined;
  let displayTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  /** Records a conversion in its lane; undefined when its lane is unknown or the id is already known. */
  const accept = (conversion: PublicConversion): Lane | undefined => {
    const lane = lanes.get(conversion?.notificationId);
    if (lane?.notification.kind !== 'stream' || typeof conversion.id !== 'number') return undefined;
    if (known.has(conversion.id)) return undefined;
    known.add(conversion.id);
    // A test event is shown once to the owner's preview and never replayed by a loop.
    if (!conversion.test) {
      lane.history = newestFirst([conversion, ...lane.history]).slice(0, lane.notification.display.historyLimit);
    }
    return lane;
  };

  /** The server re-derived a conversion (replay): swap it in wherever it is queued, and on screen in place. */
  const update = (conversion: PublicConversion) => {
    replaceById(live, conversion);
    for (const lane of lanes.values()) {
      replaceById(lane.history, conversion);
      replaceById(lane.pending, conversion);
    }
    const item = current?.item;
    if (current && item?.type === 'conversion' && item.conversion.id === conversion.id) {
      current.item = { ...item, conversion };
      display.update(current.item);
    }
  };

  /** The owner's preview never mutes itself: the owner is there to look. */
  const mutedUntil = (now: number): number => {
    const until = preview ? 0 : mute.mutedUntil();
    return until > now ? until : 0;
  };

  const waitUntil = (at: number) => {
    clearTimeout(nextTimer);
    nextTimer = setTimeout(tick, Math.min(MAX_TIMER_MS, Math.max(0, at - env.now())));
  };

  /** Takes the showing card off the schedule without hiding it: the next show() replaces it on screen. */
  const release = () => {
    clearTimeout(displayTimer);
    current = undefined;
  };

  const end = (showing: Showing, dismissed: boolean) => {
    if (current !== showing) return;
    release();
    display.hide();
    if (dismissed) onStat('dismiss', showing.lane.notification.id);
    gapUntil = env.now() + showing.lane.notification.display.gapMs;
    tick();
  };

  const show = (lane: Lane, item: DisplayItem, now: number, isLive: boolean) => {
    const rules = lane.notification.display;
    const showing: Showing = {
      lane,
      item,
      live: isLive,
      shownAt: now,
      remainingMs: rules.displayMs,
      since: now,
      paused: false,
    };
    const isTest = item.type === 'conversion' && item.conversion.test === true;
    const stat = (type: WidgetStatType) => {
      if (!isTest) onStat(type, lane.notification.id); // a test event is never counted
    };
    const controls = createCardControls(showing, {
      log,
      now: () => env.now(),
      isCurrent: () => current === showing,
      startTimer: (ms) => {
        clearTimeout(displayTimer);
        displayTimer = setTimeout(
          guard(log, () => end(showing, false)),
          ms,
        );
      },
      stopTimer: () => clearTimeout(displayTimer),
      end: (dismissed) => end(showing, dismissed),
      tick: () => tick(),
      muteOnClose: () => {
        const hours = ruleOf(rules, 'muteHoursOnClose');
        if (hours > 0 && !preview) mute.muteUntil(env.now() + hours * HOUR_MS);
      },
      click: () => stat('click'),
    });
    if (!display.show(preview ? { ...item, preview: true } : item, controls)) {
      gapUntil = now + rules.gapMs;
      waitUntil(gapUntil);
      return;
    }
    current = showing;
    if (isLive) {
      lane.liveShownAt.push(now);
      if (!isTest && item.type === 'conversion') session.recordLiveShown(item.conversion.id);
    } else {
      lane.shownOnPage++;
      session.recordShown(lane.notification.id, item.type === 'conversion' ? item.conversion.id : undefined);
    }
    stat('impression');
    displayTimer = setTimeout(
      guard(log, () => end(showing, false)),
      rules.displayMs,
    );
  };

  const tick = guard(log, () => {
    clearTimeout(nextTimer);
    nextTimer = undefined;
    if (stopped || env.isHidden()) return; // visibilitychange → wake() → tick
    const now = env.now();
    const muted = mutedUntil(now);
    if (muted) {
      // What arrives while muted is no longer "just now" when the mute ends: it waits as history.
      for (const conversion of live.splice(0)) toHistory(lanes.get(conversion.notificationId), conversion);
      return waitUntil(muted);
    }
    const next = peekLive(live, lanes, env, session, now);
    if (current) {
      // Live replaces history (and counters) once readable; a live card runs its time; hover holds any card.
      if (!next || current.live || current.paused) return;
      const replaceAt = current.shownAt + ruleOf(current.lane.notification.display, 'minDisplayMs');
      if (replaceAt > now) return waitUntil(replaceAt);
      release();
    }
    if (next) {
      live.shift();
      const { lane, conversion } = next;
      return show(lane, { type: 'conversion', notification: lane.notification, conversion }, now, true);
    }
    if (now < gapUntil) return waitUntil(gapUntil);
    const context = { session, env, startedAt, serverOffsetMs, counters, visitors };
    let picked = pickHistory(lanes, cursor, now, context);
    if (picked === undefined && startLoopPass(lanes, env.random)) picked = pickHistory(lanes, cursor, now, context);
    if (picked === undefined) return; // idle until the server sends something
    if (typeof picked === 'number') return waitUntil(picked);
    cursor = picked.cursor;
    show(picked.lane, picked.item, now, false);
  });

  /** A new id goes to the live queue; a known one is an update in place. */
  const receiveLive = (conversion: PublicConversion) => {
    if (known.has(conversion?.id)) update(conversion);
    else if (accept(conversion)) live.push(conversion);
  };

  return {
    ready(payload) {
      const first = readyCount++ === 0;
      preview = payload.preview === true;
      if (typeof payload.serverTime === 'number' && Number.isFinite(payload.serverTime)) {
        serverOffsetMs = payload.serverTime - env.now();
      }
      const next = new Map<number, Lane>();
      for (const notification of asArray(payload.notifications)) {
        if (typeof notification?.id !== 'number' || !notification.display) continue;
        const lane = lanes.get(notification.id);
        if (lane) lane.notification = notification;
        next.set(notification.id, lane ?? createLane(notification));
      }
      lanes = next; // a notification the server no longer lists stops showing
      counters.clear();
      for (const counter of asArray(payload.counters)) if (counter) counters.set(counter.notificationId, counter);
      visitors = payload.visitors ?? null;
      const fresh: PublicConversion[] = [];
      for (const conversion of asArray(payload.conversions)) {
        if (known.has(conversion?.id)) update(conversion);
        else if (accept(conversion)) fresh.push(conversion);
      }
      if (first) {
        for (const lane of lanes.values()) {
          lane.pending = ordered(
            lane,
            fresh.filter((conversion) => conversion.notificationId === lane.notification.id),
            env.random,
          );
        }
      } else {
        // After a reconnect the backfill is what happened while offline: as good as live.
        live.push(...fresh.sort((a, b) => a.timestamp - b.timestamp));
      }
      for (const conversion of early.splice(0)) receiveLive(conversion);
      tick();
    },
    addConversion(conversion) {
      if (typeof conversion?.id !== 'number') return;
      if (readyCount === 0) {
        if (!replaceById(early, conversion) && early.length < MAX_EARLY) early.push(conversion);
        return;
      }
      receiveLive(conversion);
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
