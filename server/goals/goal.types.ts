// Goals: what a site counts as a success, and the daily aggregates kept of them. Only counts per
// site, day, exposure group and goal are stored: never a row per visitor, never an address.
import type { GoalExposure } from '../../shared/protocol.ts';

export type { GoalExposure } from '../../shared/protocol.ts';

export const GOAL_EXPOSURES: readonly GoalExposure[] = ['clicked', 'exposed', 'unexposed', 'control'];
/** Goal names: short, lower-case, no spaces, so that they can sit in markup and URLs as they are. */
export const GOAL_NAME = /^[a-z0-9_-]{1,64}$/;
/** A goal's value is capped: one page must not make a day's revenue up out of nothing. */
export const MAX_GOAL_VALUE = 1_000_000;

export interface GoalCompletion {
  siteId: number;
  exposure: GoalExposure;
  goal: string;
  /** The value in cents (hundredths), so sums stay exact on both backends. */
  valueCents: number;
  /** The first completion of this goal in this browser today: counts a converter as well as a completion. */
  first: boolean;
  /** The notification whose popup this browser clicked last, for a completion in the 'clicked' group. */
  notificationId?: number;
  at: number;
}

export interface GoalVisitTotal {
  exposure: GoalExposure;
  visits: number;
}

export interface GoalCompletionTotal {
  exposure: GoalExposure;
  goal: string;
  completions: number;
  converters: number;
  valueCents: number;
}

export interface NotificationGoalTotal {
  notificationId: number;
  goal: string;
  completions: number;
  valueCents: number;
}

export interface GoalRepository {
  recordVisit(siteId: number, exposure: GoalExposure, at: number): Promise<void>;
  recordCompletion(completion: GoalCompletion): Promise<void>;
  /** Totals over the UTC days from `sinceDay` (YYYY-MM-DD) on. */
  visitsSince(siteId: number, sinceDay: string): Promise<GoalVisitTotal[]>;
  completionsSince(siteId: number, sinceDay: string): Promise<GoalCompletionTotal[]>;
  /** Completions after a click, per notification of the site. */
  notificationCompletionsSince(siteId: number, sinceDay: string): Promise<NotificationGoalTotal[]>;
}
