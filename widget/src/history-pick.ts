// Which history card shows next: lanes take turns (round robin from a cursor), each within its own
// first delay, caps and page rules; once all are spent, the lanes with `loop` start another pass.
import type { PublicCounter, PublicVisitors } from '../../shared/protocol.ts';
import type { DisplayItem } from './items.ts';
import { historyAvailableAt, type Lane, ordered, peekHistory, type ScheduleEnv } from './lanes.ts';
import type { SessionMemory } from './session.ts';

export interface HistoryContext {
  session: SessionMemory;
  env: ScheduleEnv;
  /** When the page view started: first delays count from here. */
  startedAt: number;
  /** Server clock minus this page's (history age is judged on the server's clock). */
  serverOffsetMs: number;
  counters: Map<number, PublicCounter>;
  visitors: PublicVisitors | null;
}

/**
 * The next history item to show now (taken from its lane) with the cursor to go on from, the time to
 * look again, or undefined when there is nothing to wait for.
 */
export function pickHistory(
  lanes: Map<number, Lane>,
  cursor: number,
  now: number,
  context: HistoryContext,
): { lane: Lane; item: DisplayItem; cursor: number } | number | undefined {
  const { session, env, counters, visitors } = context;
  let wakeAt = Number.POSITIVE_INFINITY;
  const rotation = [...lanes.values()];
  for (let step = 0; step < rotation.length; step++) {
    const index = (cursor + step) % rotation.length;
    const lane = rotation[index] as Lane;
    const at = historyAvailableAt(lane, session, env, context.startedAt);
    const item =
      at === undefined
        ? undefined
        : peekHistory(lane, now + context.serverOffsetMs, session, counters, visitors, env.pagePath());
    if (at === undefined || !item) continue;
    if (at > now) {
      wakeAt = Math.min(wakeAt, at);
      continue;
    }
    if (item.type === 'conversion') lane.pending.shift();
    else lane.due = false;
    return { lane, item, cursor: index + 1 };
  }
  return wakeAt === Number.POSITIVE_INFINITY ? undefined : wakeAt;
}

/** Once nothing is left anywhere, lanes with `loop` start over from their history; true when one did. */
export function startLoopPass(lanes: Map<number, Lane>, random: () => number): boolean {
  let started = false;
  for (const lane of lanes.values()) {
    if (!lane.notification.display.loop) continue;
    lane.pending = ordered(lane, lane.history, random);
    lane.due = true;
    lane.looped = true;
    started = true;
  }
  return started;
}
