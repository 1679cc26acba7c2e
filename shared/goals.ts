// Types only: the goals API (server/goals/goals.routes.ts): a site's goal settings and its report.

export interface UrlGoal {
  name: string;
  path: string;
  value?: number;
}

export interface GoalSettings {
  /** Off by default: widgets then keep nothing in the browser for goals (docs/goals.md). */
  enabled: boolean;
  urlGoals: UrlGoal[];
  attributionWindowDays: number;
  controlPercent: number;
}

/** How many UTC days back a report reaches, today included. */
export const REPORT_WINDOWS = { '7d': 7, '30d': 30 } as const;
export type ReportWindow = keyof typeof REPORT_WINDOWS;

/** 'exposed' includes the browsers that clicked: clicking a popup means it was seen. */
export const REPORT_GROUPS = ['exposed', 'clicked', 'unexposed', 'control'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

export type UpliftVerdict = 'too-small' | 'higher' | 'lower' | 'no-difference';

/** Exposed browsers against the control group (server/goals/uplift.ts). */
export interface Uplift {
  verdict: UpliftVerdict;
  /** A sentence for the owner, e.g. "too small to tell: the control group has 12 visitors (30 needed)". */
  summary: string;
  exposedRate: number | null;
  controlRate: number | null;
  /** Exposed rate minus control rate (absolute, 0.07 = 7 percentage points). */
  difference: number | null;
  /** Difference relative to the control rate (0.875 = +87.5 %); null when the control rate is 0. */
  relative: number | null;
  /** 95 % interval for the difference, unpooled standard error. */
  interval: [number, number] | null;
  z: number | null;
  /** Two-sided. */
  pValue: number | null;
}

export interface GroupGoalNumbers {
  visitors: number;
  completions: number;
  converters: number;
  /** converters / visitors; null without visitors. */
  conversionRate: number | null;
  value: number;
}

/** GET /api/sites/:id/goals/report. */
export interface GoalReport {
  siteId: number;
  window: ReportWindow;
  /** First UTC day counted; the window is that day through today. */
  sinceDay: string;
  visitors: Record<ReportGroup, number>;
  goals: Array<{ goal: string; groups: Record<ReportGroup, GroupGoalNumbers>; uplift: Uplift }>;
  notifications: Array<{
    notificationId: number;
    name: string;
    impressions: number;
    clicks: number;
    goals: Array<{ goal: string; completions: number; value: number }>;
  }>;
}
