// Goal aggregates in SQLite: visits and completions per site, UTC day and exposure group, and
// completions after a click per notification. Counts only: no row says who.
import type { SqliteDatabase } from '../db/open-database.ts';
import { utcDay } from '../stats/widget-stat.types.ts';
import type {
  GoalCompletion,
  GoalCompletionTotal,
  GoalRepository,
  GoalVisitTotal,
  NotificationGoalTotal,
} from './goal.types.ts';

export function createGoalRepository(db: SqliteDatabase): GoalRepository {
  // Prepared on first use, not here: every Storage is built at start-up, and goals are seldom the first thing asked.
  let prepared: ReturnType<typeof prepare> | undefined;
  const statements = () => {
    prepared ??= prepare(db);
    return prepared;
  };
  return {
    async recordVisit(siteId, exposure, at) {
      statements().visit.run({ siteId, day: utcDay(at), exposure });
    },
    async recordCompletion(input) {
      statements().recordCompletion(input);
    },
    async visitsSince(siteId, sinceDay) {
      return statements().visits.all({ siteId, sinceDay });
    },
    async completionsSince(siteId, sinceDay) {
      return statements().completions.all({ siteId, sinceDay });
    },
    async notificationCompletionsSince(siteId, sinceDay) {
      return statements().byNotification.all({ siteId, sinceDay });
    },
  };
}

function prepare(db: SqliteDatabase) {
  const visit = db.prepare<{ siteId: number; day: string; exposure: string }>(
    `INSERT INTO goal_visit (site_id, day, exposure, visits) VALUES (:siteId, :day, :exposure, 1)
     ON CONFLICT (site_id, day, exposure) DO UPDATE SET visits = visits + 1`,
  );
  const completion = db.prepare<{
    siteId: number;
    day: string;
    exposure: string;
    goal: string;
    converter: number;
    valueCents: number;
  }>(
    `INSERT INTO goal_completion (site_id, day, exposure, goal, completions, converters, value_cents)
     VALUES (:siteId, :day, :exposure, :goal, 1, :converter, :valueCents)
     ON CONFLICT (site_id, day, exposure, goal) DO UPDATE SET completions = completions + 1,
       converters = converters + excluded.converters, value_cents = value_cents + excluded.value_cents`,
  );
  const afterClick = db.prepare<{ notificationId: number; day: string; goal: string; valueCents: number }>(
    `INSERT INTO goal_notification (notification_id, day, goal, completions, value_cents)
     VALUES (:notificationId, :day, :goal, 1, :valueCents)
     ON CONFLICT (notification_id, day, goal) DO UPDATE SET completions = completions + 1,
       value_cents = value_cents + excluded.value_cents`,
  );
  const visits = db.prepare<{ siteId: number; sinceDay: string }, GoalVisitTotal>(
    `SELECT exposure, sum(visits) AS visits FROM goal_visit
     WHERE site_id = :siteId AND day >= :sinceDay GROUP BY exposure ORDER BY exposure`,
  );
  const completions = db.prepare<{ siteId: number; sinceDay: string }, GoalCompletionTotal>(
    `SELECT exposure, goal, sum(completions) AS completions, sum(converters) AS converters,
       sum(value_cents) AS valueCents
     FROM goal_completion WHERE site_id = :siteId AND day >= :sinceDay
     GROUP BY exposure, goal ORDER BY goal, exposure`,
  );
  const byNotification = db.prepare<{ siteId: number; sinceDay: string }, NotificationGoalTotal>(
    `SELECT g.notification_id AS notificationId, g.goal, sum(g.completions) AS completions,
       sum(g.value_cents) AS valueCents
     FROM goal_notification g JOIN notification n ON n.id = g.notification_id
     WHERE n.site_id = :siteId AND g.day >= :sinceDay
     GROUP BY g.notification_id, g.goal ORDER BY g.notification_id, g.goal`,
  );
  const recordCompletion = db.transaction((input: GoalCompletion) => {
    const day = utcDay(input.at);
    const { siteId, exposure, goal, valueCents } = input;
    completion.run({ siteId, day, exposure, goal, converter: input.first ? 1 : 0, valueCents });
    if (input.notificationId !== undefined) {
      afterClick.run({ notificationId: input.notificationId, day, goal, valueCents });
    }
  });
  return { visit, recordCompletion, visits, completions, byNotification };
}
