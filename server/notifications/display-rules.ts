// Per-notification display rules: researched defaults and validation of admin input.
import { z } from 'zod';
import type { DisplayRules } from '../../shared/protocol.ts';

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;

// TrustPulse waits 3 s and shows for 7 s; NotificationX uses 5 s / 5 s / 5 s. A 6 s display reads
// comfortably (WCAG 2.2.1 asks that moving content can be paused: the widget pauses on hover/focus).
export const DEFAULT_DISPLAY_RULES: DisplayRules = {
  firstDelayMs: 3 * SECOND,
  displayMs: 6 * SECOND,
  gapMs: 6 * SECOND,
  maxPerPage: 10,
  maxPerSession: 30,
  loop: false,
  order: 'newest',
  position: 'bottom-left',
  mobile: 'bottom',
  include: [],
  exclude: [],
  historyLimit: 20,
  historyMaxAgeMs: 7 * DAY,
  minimumCount: 3,
  counterWindowMs: DAY,
};

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
  })
  .partial()
  .strict();

export type DisplayRulesPatch = z.infer<typeof displayRulesPatchSchema>;

/** Stored rules only hold what the admin changed, so improving a default reaches every notification. */
export function withDisplayDefaults(stored: DisplayRulesPatch): DisplayRules {
  return { ...DEFAULT_DISPLAY_RULES, ...stored };
}
