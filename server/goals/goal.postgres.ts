// PostgreSQL implementation of the goal aggregates (see server/goals/goal.sqlite.ts).
import type pg from 'pg';
import type { GoalCompletionTotal, GoalRepository, GoalVisitTotal, NotificationGoalTotal } from './goal.types.ts';
import { utcDay } from '../stats/widget-stat.types.ts';
import { execute, queryRows } from '../db/postgres/pg-query.ts';

const VISIT = `INSERT INTO goal_visit (site_id, day, exposure, visits) VALUES ($1, $2, $3, 1)
  ON CONFLICT (site_id, day, exposure) DO UPDATE SET visits = goal_visit.visits + 1`;
// One statement for both rows, so a completion after a click is never counted in one table only;
// the second insert selects nothing when there is no notification ($6 is null).
const COMPLETION = `WITH site_row AS (
    INSERT INTO goal_completion (site_id, day, exposure, goal, completions, converters, value_cents)
    VALUES ($1, $2, $3, $4, 1, $5, $7)
    ON CONFLICT (site_id, day, exposure, goal) DO UPDATE SET completions = goal_completion.completions + 1,
      converters = goal_completion.converters + excluded.converters,
      value_cents = goal_completion.value_cents + excluded.value_cents
  )
  INSERT INTO goal_notification (notification_id, day, goal, completions, value_cents)
  SELECT $6::bigint, $2, $4, 1, $7 WHERE $6::bigint IS NOT NULL
  ON CONFLICT (notification_id, day, goal) DO UPDATE SET completions = goal_notification.completions + 1,
    value_cents = goal_notification.value_cents + excluded.value_cents`;
// sum(bigint) is numeric, which node-postgres returns as a string; back to bigint, hence a number.
const VISITS = `SELECT exposure, sum(visits)::bigint AS visits FROM goal_visit
  WHERE site_id = $1 AND day >= $2 GROUP BY exposure ORDER BY exposure`;
const COMPLETIONS = `SELECT exposure, goal, sum(completions)::bigint AS completions,
    sum(converters)::bigint AS converters, sum(value_cents)::bigint AS "valueCents"
  FROM goal_completion WHERE site_id = $1 AND day >= $2
  GROUP BY exposure, goal ORDER BY goal COLLATE "C", exposure COLLATE "C"`;
const BY_NOTIFICATION = `SELECT g.notification_id AS "notificationId", g.goal, sum(g.completions)::bigint AS completions,
    sum(g.value_cents)::bigint AS "valueCents"
  FROM goal_notification g JOIN notification n ON n.id = g.notification_id
  WHERE n.site_id = $1 AND g.day >= $2
  GROUP BY g.notification_id, g.goal ORDER BY g.notification_id, g.goal COLLATE "C"`;

export function createPgGoalRepository(pool: pg.Pool): GoalRepository {
  return {
    async recordVisit(siteId, exposure, at) {
      await execute(pool, VISIT, [siteId, utcDay(at), exposure]);
    },
    async recordCompletion(input) {
      await execute(pool, COMPLETION, [
        input.siteId,
        utcDay(input.at),
        input.exposure,
        input.goal,
        input.first ? 1 : 0,
        input.notificationId ?? null,
        input.valueCents,
      ]);
    },
    async visitsSince(siteId, sinceDay) {
      return queryRows<GoalVisitTotal>(pool, VISITS, [siteId, sinceDay]);
    },
    async completionsSince(siteId, sinceDay) {
      return queryRows<GoalCompletionTotal>(pool, COMPLETIONS, [siteId, sinceDay]);
    },
    async notificationCompletionsSince(siteId, sinceDay) {
      return queryRows<NotificationGoalTotal>(pool, BY_NOTIFICATION, [siteId, sinceDay]);
    },
  };
}
