// A site's goal settings: URL goals, the attribution window and the control group's share. Kept as
// one JSON value in the settings table under `goals:<siteId>`; defaults when the owner never saved.
import { z } from 'zod';
import type { GoalSettings } from '../../shared/goals.ts';
import type { WidgetGoalSettings } from '../../shared/protocol.ts';
import type { SettingRepository } from '../settings/setting.types.ts';
import type { FieldLabels } from '../validate.ts';
import { GOAL_NAME, MAX_GOAL_VALUE } from './goal.types.ts';

export type { GoalSettings };

export const DEFAULT_GOAL_SETTINGS: GoalSettings = {
  enabled: false,
  urlGoals: [],
  attributionWindowDays: 7,
  controlPercent: 0,
};
export const MAX_URL_GOALS = 20;

export const goalNameSchema = z
  .string()
  .trim()
  .regex(GOAL_NAME, 'must be 1 to 64 lower-case letters, digits, "-" or "_", such as "signup"');

const urlGoalSchema = z
  .object({
    name: goalNameSchema,
    path: z
      .string()
      .trim()
      .max(200)
      .regex(/^\/[^\s]*$/, 'must be a path that starts with "/", such as "/thank-you*", without spaces'),
    value: z.number().finite().min(0).max(MAX_GOAL_VALUE).optional(),
  })
  .strict();

export const goalSettingsSchema = z
  .object({
    enabled: z.boolean().default(false),
    urlGoals: z.array(urlGoalSchema).max(MAX_URL_GOALS).default([]),
    attributionWindowDays: z.number().int().min(1).max(90).default(DEFAULT_GOAL_SETTINGS.attributionWindowDays),
    controlPercent: z.number().min(0).max(50).default(DEFAULT_GOAL_SETTINGS.controlPercent),
  })
  .strict();

export const GOAL_SETTING_LABELS: FieldLabels = {
  enabled: 'whether goals are counted',
  urlGoals: 'the URL goals',
  name: 'the goal name',
  path: 'the goal path',
  value: 'the goal value',
  attributionWindowDays: 'the attribution window in days',
  controlPercent: 'the control group share (per cent)',
};

const settingKey = (siteId: number) => `goals:${siteId}`;

export function createGoalSettings(settings: SettingRepository) {
  return {
    async read(siteId: number): Promise<GoalSettings> {
      const raw = await settings.get(settingKey(siteId));
      if (!raw) return DEFAULT_GOAL_SETTINGS;
      try {
        const parsed = goalSettingsSchema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : DEFAULT_GOAL_SETTINGS;
      } catch {
        return DEFAULT_GOAL_SETTINGS;
      }
    },
    async write(siteId: number, value: GoalSettings): Promise<void> {
      await settings.set(settingKey(siteId), JSON.stringify(value));
    },
  };
}

export type GoalSettingsStore = ReturnType<typeof createGoalSettings>;

export const toWidgetGoalSettings = (settings: GoalSettings): WidgetGoalSettings => ({
  enabled: settings.enabled,
  controlPercent: settings.controlPercent,
  windowDays: settings.attributionWindowDays,
  urlGoals: settings.urlGoals,
});
