// What the card on screen can do to the schedule: hover and focus pause its clock, the close button
// ends it (and may mute the widget), a click is counted. Every handler is a no-op once another card
// took its place.
import type { DisplayControls } from './items.ts';
import { guard, type Log } from './log.ts';
import type { Showing } from './schedule-types.ts';

export interface CardHooks {
  log: Log;
  now(): number;
  /** This card is still the one on screen. */
  isCurrent(): boolean;
  /** Ends the card after `ms` (replacing any timer running for it). */
  startTimer(ms: number): void;
  stopTimer(): void;
  end(dismissed: boolean): void;
  /** Looks again at what may show: a live conversion may have waited while the visitor read this card. */
  tick(): void;
  /** The close button: mutes the widget when the owner asked for it (muteHoursOnClose). */
  muteOnClose(): void;
  click(): void;
}

export function createCardControls(showing: Showing, hooks: CardHooks): DisplayControls {
  const { log } = hooks;
  return {
    pause: guard(log, () => {
      if (!hooks.isCurrent() || showing.paused) return;
      showing.paused = true;
      hooks.stopTimer();
      showing.remainingMs -= hooks.now() - showing.since;
    }),
    resume: guard(log, () => {
      if (!hooks.isCurrent() || !showing.paused) return;
      showing.paused = false;
      showing.since = hooks.now();
      hooks.startTimer(Math.max(0, showing.remainingMs));
      hooks.tick();
    }),
    dismiss: guard(log, () => hooks.end(true)),
    close: guard(log, () => {
      if (!hooks.isCurrent()) return;
      hooks.muteOnClose();
      hooks.end(true);
    }),
    click: guard(log, () => {
      if (hooks.isCurrent()) hooks.click();
    }),
  };
}
