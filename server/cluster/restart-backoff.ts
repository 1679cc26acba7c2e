// How long the supervisor waits before starting a worker again. A worker that exits at once (its
// database unreachable, a bad deploy) would otherwise be restarted in a tight loop that floods the
// logs and the database with connection attempts; one that ran for a while gets a quick restart.

/** The wait after a first quick exit. */
export const FIRST_RESTART_DELAY_MS = 500;
/** A worker that keeps exiting is restarted less and less often, up to this. */
export const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that ran this long before exiting counts as healthy again: its next wait is the first one. */
export const STABLE_AFTER_MS = 60_000;

/** The wait before the next start, after `quickExitsInARow` exits (1 or more) each soon after a start. */
export function restartDelay(quickExitsInARow: number): number {
  const doublings = Math.max(0, quickExitsInARow - 1);
  // Capped before exponentiating, so a worker that has failed for days never computes Infinity.
  return Math.min(FIRST_RESTART_DELAY_MS * 2 ** Math.min(doublings, 16), MAX_RESTART_DELAY_MS);
}

/** Quick exits in a row after this one: reset to 1 when the worker had run for `ranMs` ≥ STABLE_AFTER_MS. */
export function nextQuickExits(quickExitsBefore: number, ranMs: number): number {
  return ranMs >= STABLE_AFTER_MS ? 1 : quickExitsBefore + 1;
}
