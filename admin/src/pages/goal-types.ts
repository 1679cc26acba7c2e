// Shapes of the goals API (server/goals/goals.routes.ts) as the admin reads them.

export interface UrlGoal {
  name: string;
  path: string;
  value?: number;
}

export interface GoalSettings {
  enabled: boolean;
  urlGoals: UrlGoal[];
  attributionWindowDays: number;
  controlPercent: number;
}

export type ReportGroup = 'exposed' | 'clicked' | 'unexposed' | 'control';
export const REPORT_GROUPS: Array<[ReportGroup, string]> = [
  ['exposed', 'Saw a popup'],
  ['clicked', 'Clicked a popup'],
  ['unexposed', 'Saw none yet'],
  ['control', 'Control (never shown)'],
];

export interface GroupGoalNumbers {
  visitors: number;
  completions: number;
  converters: number;
  conversionRate: number | null;
  value: number;
}

export interface Uplift {
  verdict: 'too-small' | 'higher' | 'lower' | 'no-difference';
  summary: string;
  difference: number | null;
  interval: [number, number] | null;
  pValue: number | null;
}

export interface GoalReport {
  window: '7d' | '30d';
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
