// The schedule's shape: what it needs, what it offers, and the card it has on screen.
import type {
  PublicConversion,
  PublicCounter,
  PublicVisitors,
  WidgetReadyPayload,
  WidgetStatType,
} from '../../shared/protocol.ts';
import type { Display, DisplayItem } from './items.ts';
import type { Lane, ScheduleEnv } from './lanes.ts';
import type { Log } from './log.ts';
import type { MuteMemory } from './mute.ts';
import type { SessionMemory } from './session.ts';

export interface ScheduleDeps {
  display: Display;
  session: SessionMemory;
  mute: MuteMemory;
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

/** The card on screen and its clock: how long it has left, and whether hover or focus holds it. */
export interface Showing {
  lane: Lane;
  item: DisplayItem;
  live: boolean;
  shownAt: number;
  remainingMs: number;
  since: number;
  paused: boolean;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
