// The goals report of a site: visitors, completions, conversion rate and value per exposure group and
// goal, the uplift of exposed browsers over the control group, and per notification the path from
// impressions to clicks to goals reached after a click.
import type { Storage } from '../storage/storage.ts';
import { utcDay } from '../stats/widget-stat.types.ts';
import type { GoalCompletionTotal } from './goal.types.ts';
import { compareProportions } from './uplift.ts';
import {
  type GoalReport,
  type GroupGoalNumbers,
  REPORT_GROUPS,
  REPORT_WINDOWS,
  type ReportGroup,
  type ReportWindow,
} from '../../shared/goals.ts';
import type { GoalExposure } from '../../shared/protocol.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const MEMBERS: Record<ReportGroup, readonly GoalExposure[]> = {
  exposed: ['exposed', 'clicked'],
  clicked: ['clicked'],
  unexposed: ['unexposed'],
  control: ['control'],
};

const cents = (valueCents: number) => Math.round(valueCents) / 100;

function groupNumbers(visitors: number, rows: GoalCompletionTotal[]): GroupGoalNumbers {
  const completions = rows.reduce((sum, row) => sum + row.completions, 0);
  const converters = rows.reduce((sum, row) => sum + row.converters, 0);
  const valueCents = rows.reduce((sum, row) => sum + row.valueCents, 0);
  return {
    visitors,
    completions,
    converters,
    conversionRate: visitors > 0 ? Math.min(1, converters / visitors) : null,
    value: cents(valueCents),
  };
}

export async function buildGoalReport(
  storage: Storage,
  siteId: number,
  window: ReportWindow,
  now: number,
): Promise<GoalReport> {
  const sinceDay = utcDay(now - (REPORT_WINDOWS[window] - 1) * DAY_MS);
  const visitRows = await storage.goals.visitsSince(siteId, sinceDay);
  const completionRows = await storage.goals.completionsSince(siteId, sinceDay);
  const visitsOf = (exposure: GoalExposure) => visitRows.find((row) => row.exposure === exposure)?.visits ?? 0;
  // A clicked browser is also counted as an exposed visitor by the widget (docs/goals.md), so the
  // exposed group's visitors are the 'exposed' visits alone while its completions include 'clicked'.
  const visitors = {
    exposed: visitsOf('exposed'),
    clicked: visitsOf('clicked'),
    unexposed: visitsOf('unexposed'),
    control: visitsOf('control'),
  };
  const goalNames = [...new Set(completionRows.map((row) => row.goal))];
  const goals = goalNames.map((goal) => {
    const groups = Object.fromEntries(
      REPORT_GROUPS.map((group) => [
        group,
        groupNumbers(
          visitors[group],
          completionRows.filter((row) => row.goal === goal && MEMBERS[group].includes(row.exposure)),
        ),
      ]),
    ) as Record<ReportGroup, GroupGoalNumbers>;
    const uplift = compareProportions(
      { successes: groups.exposed.converters, trials: groups.exposed.visitors },
      { successes: groups.control.converters, trials: groups.control.visitors },
    );
    return { goal, groups, uplift };
  });

  const byNotification = await storage.goals.notificationCompletionsSince(siteId, sinceDay);
  const notifications = [];
  for (const notification of await storage.notifications.listBySite(siteId)) {
    const widget = await storage.widgetStats.sumSince(notification.id, sinceDay);
    notifications.push({
      notificationId: notification.id,
      name: notification.name,
      impressions: widget.impressions,
      clicks: widget.clicks,
      goals: byNotification
        .filter((row) => row.notificationId === notification.id)
        .map((row) => ({ goal: row.goal, completions: row.completions, value: cents(row.valueCents) })),
    });
  }
  return { siteId, window, sinceDay, visitors, goals, notifications };
}
