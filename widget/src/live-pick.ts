// Which live conversion shows next: the oldest that may still show here, within its lane's
// maxLivePerMinute. Past that, a live conversion joins its lane's history instead of waiting: during a
// flood, a queue of "live" cards would no longer be live by the time they showed; as history they keep
// its pace and its caps.
import type { PublicConversion } from '../../shared/protocol.ts';
import { allowedHere, type Lane, ruleOf, type ScheduleEnv } from './lanes.ts';
import { MINUTE_MS } from './schedule-types.ts';
import type { SessionMemory } from './session.ts';

/** Live ones are taken oldest first, so putting each in front leaves the newest first, as history goes. */
export const toHistory = (lane: Lane | undefined, conversion: PublicConversion) => lane?.pending.unshift(conversion);

/** The live conversion to show next, not taken from `live`; drops what can no longer show. */
export function peekLive(
  live: PublicConversion[],
  lanes: Map<number, Lane>,
  env: ScheduleEnv,
  session: SessionMemory,
  now: number,
): { lane: Lane; conversion: PublicConversion } | undefined {
  while (live.length > 0) {
    const conversion = live[0] as PublicConversion;
    const lane = lanes.get(conversion.notificationId);
    if (!lane || !allowedHere(lane, env) || session.wasShown(conversion.id)) {
      live.shift();
      continue;
    }
    lane.liveShownAt = lane.liveShownAt.filter((at) => now - at < MINUTE_MS);
    if (lane.liveShownAt.length < ruleOf(lane.notification.display, 'maxLivePerMinute')) {
      return { lane, conversion };
    }
    live.shift();
    toHistory(lane, conversion);
  }
  return undefined;
}
