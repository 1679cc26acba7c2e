// Per-notification display rules: the researched defaults, and the part of them a widget may see.
// Free of zod and Node APIs: the admin page bundles it (through the public view) for its previews.
import type { DisplayRules, PrivacyRules, WidgetDisplayRules } from '../../shared/protocol.ts';

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;

/** "Maria G. from Austin, US": first name and initial, city and country, until the owner says less. */
export const DEFAULT_PRIVACY_RULES: PrivacyRules = {
  privacy: 'first-initial',
  showCity: true,
  showCountry: true,
};

// TrustPulse waits 3 s and shows for 7 s; NotificationX uses 5 s / 5 s / 5 s. A 6 s display reads
// comfortably (WCAG 2.2.1 asks that moving content can be paused: the widget pauses on hover/focus).
// A live conversion replaces a history card after 1 s: long enough that the card did not merely
// flash, short enough that "just now" is still true when the live one shows.
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
  minDisplayMs: SECOND,
  maxLivePerMinute: 10,
  muteHoursOnClose: 0,
  device: 'all',
  productMatch: false,
  ...DEFAULT_PRIVACY_RULES,
};

/**
 * Every rule a widget receives, listed rather than "all but the privacy ones": a server-only rule
 * added later then stays on the server unless someone adds it here on purpose.
 */
const WIDGET_RULE_KEYS = {
  firstDelayMs: true,
  displayMs: true,
  gapMs: true,
  maxPerPage: true,
  maxPerSession: true,
  loop: true,
  order: true,
  position: true,
  mobile: true,
  include: true,
  exclude: true,
  historyLimit: true,
  historyMaxAgeMs: true,
  minimumCount: true,
  counterWindowMs: true,
  minDisplayMs: true,
  maxLivePerMinute: true,
  muteHoursOnClose: true,
  device: true,
  productMatch: true,
} satisfies Record<keyof WidgetDisplayRules, true>;

/** The rules as a widget gets them: the privacy level is applied by the server, never sent. */
export function toWidgetDisplayRules(rules: WidgetDisplayRules): WidgetDisplayRules {
  const widget: Record<string, unknown> = {};
  for (const key of Object.keys(WIDGET_RULE_KEYS) as Array<keyof WidgetDisplayRules>) widget[key] = rules[key];
  return widget as unknown as WidgetDisplayRules;
}

/** The privacy part of a notification's rules, stored (only what the owner changed) or filled in. */
export function privacyRulesOf(display: Partial<PrivacyRules>): PrivacyRules {
  return {
    privacy: display.privacy ?? DEFAULT_PRIVACY_RULES.privacy,
    showCity: display.showCity ?? DEFAULT_PRIVACY_RULES.showCity,
    showCountry: display.showCountry ?? DEFAULT_PRIVACY_RULES.showCountry,
  };
}
