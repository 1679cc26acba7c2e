// Per-notification display rules: validation of admin input, and the stored rules with defaults.
import { z } from 'zod';
import type { DisplayRules } from '../../shared/protocol.ts';
import { LOCALE_CODES, type LocaleCode } from '../i18n/locales.ts';
import { DESIGN_LABELS, designPatchSchema } from './design.ts';
import { DEFAULT_DISPLAY_RULES } from './display-defaults.ts';
import { validateTemplate } from './message-template.ts';

export { DEFAULT_DISPLAY_RULES, toWidgetDisplayRules } from './display-defaults.ts';

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;

const urlPattern = z.string().trim().min(1).max(300);

const template = z.string().superRefine((value, ctx) => {
  const problem = validateTemplate(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const localeSchema = z.enum(LOCALE_CODES as [LocaleCode, ...LocaleCode[]], {
  error: `Choose a language the popup knows: ${LOCALE_CODES.join(', ')}.`,
});

/** Per-language overrides of the title and message; a language without one uses the built-in words. */
const localeTemplates = z
  .record(z.string(), z.object({ title: template, message: template }).partial().strict())
  .superRefine((map, ctx) => {
    for (const code of Object.keys(map)) {
      if (!(LOCALE_CODES as string[]).includes(code)) {
        ctx.addIssue({
          code: 'custom',
          message: `There are no built-in words for the language "${code.slice(0, 20)}": use one of ${LOCALE_CODES.join(', ')}.`,
        });
      }
    }
  });

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
    device: z.enum(['all', 'desktop', 'mobile']),
    productMatch: z.boolean(),
    /** The language used when the page names none the popup knows (else the site's). */
    // null puts the language, title and design back to the site's and the built-in ones.
    locale: localeSchema.nullable(),
    titleTemplate: template.nullable(),
    templates: localeTemplates,
    design: designPatchSchema.nullable(),
  })
  .partial()
  .strict();

/** Each rule in words, for the sentences a refused value gets ("The time each popup stays must be at least 1 second."). */
export const DISPLAY_RULE_LABELS: Readonly<Record<keyof DisplayRulesPatch, string>> = {
  firstDelayMs: 'the wait before the first popup',
  displayMs: 'the time each popup stays',
  gapMs: 'the pause between popups',
  maxPerPage: 'the most popups per page view',
  maxPerSession: 'the most popups per visit',
  loop: 'showing history again',
  order: 'the order',
  position: 'the position',
  mobile: 'the place on phones',
  include: 'the pages to show on',
  exclude: 'the pages never to show on',
  historyLimit: 'the number of recent conversions a page gets',
  historyMaxAgeMs: 'the age of the oldest conversion shown',
  minimumCount: 'the count below which the popup hides',
  counterWindowMs: 'the time the counter counts over',
  minDisplayMs: 'the time before a live popup replaces a recent one',
  maxLivePerMinute: 'the most live popups per minute',
  muteHoursOnClose: 'the hours of mute after a visitor closes a popup',
  privacy: 'what visitors see of a name',
  showCity: 'showing the city',
  showCountry: 'showing the country',
  device: 'the devices to show on',
  productMatch: "showing only this page's product",
  locale: 'the default language',
  titleTemplate: 'the title template',
  templates: 'the templates per language',
  design: 'the design',
};

export type DisplayRulesPatch = z.infer<typeof displayRulesPatchSchema>;

/** Stored rules only hold what the admin changed, so improving a default reaches every notification. */
export function withDisplayDefaults(stored: DisplayRulesPatch): DisplayRules {
  return { ...DEFAULT_DISPLAY_RULES, ...stored };
}

/** Labels for every field a display patch may hold, the design's included (for validateInput). */
export const DISPLAY_FIELD_LABELS: Readonly<Record<string, string>> = { ...DISPLAY_RULE_LABELS, ...DESIGN_LABELS };
