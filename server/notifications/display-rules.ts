// Per-notification display rules: validation of admin input, and the stored rules with defaults.
import { z } from 'zod';
import type { DisplayRules } from '../../shared/protocol.ts';
import { DEFAULT_DISPLAY_RULES } from './display-defaults.ts';

export { DEFAULT_DISPLAY_RULES, toWidgetDisplayRules } from './display-defaults.ts';

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;

const urlPattern = z.string().trim().min(1).max(300);

export const displayRulesPatchSchema = z
  .object({
    firstDelayMs: z
      .number()
      .int()
      .min(0)
      .max(10 * 60 * SECOND),
    displayMs: z
      .number()
      .int()
      .min(SECOND)
      .max(10 * 60 * SECOND),
    gapMs: z
      .number()
      .int()
      .min(0)
      .max(60 * 60 * SECOND),
    maxPerPage: z.number().int().min(1).max(1000),
    maxPerSession: z.number().int().min(1).max(10000),
    loop: z.boolean(),
    order: z.enum(['newest', 'random']),
    position: z.enum(['bottom-left', 'bottom-right', 'top-left', 'top-right']),
    mobile: z.enum(['top', 'bottom', 'hidden']),
    include: z.array(urlPattern).max(50),
    exclude: z.array(urlPattern).max(50),
    historyLimit: z.number().int().min(0).max(100),
    historyMaxAgeMs: z
      .number()
      .int()
      .min(0)
      .max(90 * DAY),
    minimumCount: z.number().int().min(0).max(1_000_000),
    counterWindowMs: z
      .number()
      .int()
      .min(60 * SECOND)
      .max(90 * DAY),
    minDisplayMs: z
      .number()
      .int()
      .min(0)
      .max(60 * SECOND),
    maxLivePerMinute: z.number().int().min(1).max(600),
    muteHoursOnClose: z
      .number()
      .int()
      .min(0)
      .max(30 * 24),
    privacy: z.enum(['first-initial', 'first', 'anonymous']),
    showCity: z.boolean(),
    showCountry: z.boolean(),
  })
  .partial()
  .strict();

export type DisplayRulesPatch = z.infer<typeof displayRulesPatchSchema>;

/** Stored rules only hold what the admin changed, so improving a default reaches every notification. */
export function withDisplayDefaults(stored: DisplayRulesPatch): DisplayRules {
  return { ...DEFAULT_DISPLAY_RULES, ...stored };
}
