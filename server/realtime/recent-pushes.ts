// The last pushes this process made, kept so they can be sent again when Redis comes back: while
// it was away they reached this process's widgets only. Widgets drop conversion ids they already
// have, so sending one twice is harmless; older misses are caught up by the widget's backfill on
// its next reconnect.
import type { Conversion } from '../conversions/conversion.types.ts';
import type { Notification } from '../notifications/notification.types.ts';

export const MAX_RECENT_PUSHES = 500;
/** A push made just before Redis was noticed gone may have been lost with the connection. */
export const REPLAY_MARGIN_MS = 5000;

export interface RecentPush {
  at: number;
  conversion: Conversion;
  notification: Notification;
}

export function createRecentPushes(limit = MAX_RECENT_PUSHES) {
  const pushes: RecentPush[] = [];
  return {
    add(push: RecentPush) {
      pushes.push(push);
      if (pushes.length > limit) pushes.splice(0, pushes.length - limit);
    },
    /** Pushes made since `downSince` (less the margin), oldest first, each conversion once. */
    since(downSince: number): RecentPush[] {
      const seen = new Set<number>();
      return pushes.filter((push) => {
        if (push.at < downSince - REPLAY_MARGIN_MS || seen.has(push.conversion.id)) return false;
        seen.add(push.conversion.id);
        return true;
      });
    },
  };
}
