// Builders for widget test data: protocol objects with sensible defaults and per-test overrides.
import type {
  PublicConversion,
  PublicCounter,
  PublicNotification,
  WidgetDisplayRules,
  WidgetReadyPayload,
} from '../../shared/protocol.ts';

export const SECOND_MS = 1000;

export function buildRules(overrides: Partial<WidgetDisplayRules> = {}): WidgetDisplayRules {
  return {
    firstDelayMs: 3 * SECOND_MS,
    displayMs: 6 * SECOND_MS,
    gapMs: 4 * SECOND_MS,
    maxPerPage: 20,
    maxPerSession: 100,
    loop: false,
    order: 'newest',
    position: 'bottom-left',
    mobile: 'bottom',
    include: [],
    exclude: [],
    historyLimit: 20,
    historyMaxAgeMs: 7 * 24 * 3600 * SECOND_MS,
    minimumCount: 1,
    counterWindowMs: 24 * 3600 * SECOND_MS,
    minDisplayMs: SECOND_MS,
    maxLivePerMinute: 10,
    muteHoursOnClose: 0,
    ...overrides,
  };
}

export function buildNotification(
  overrides: Partial<Omit<PublicNotification, 'display'>> & { display?: Partial<WidgetDisplayRules> } = {},
): PublicNotification {
  return { id: 1, kind: 'stream', ...overrides, display: buildRules(overrides.display) };
}

let nextId = 1000;

export function buildConversion(overrides: Partial<PublicConversion> = {}): PublicConversion {
  const id = overrides.id ?? nextId++;
  return {
    id,
    notificationId: 1,
    firstName: 'Maria',
    lastInitial: 'G',
    city: 'Austin',
    country: 'US',
    productName: 'Sneakers',
    moreProducts: 2,
    timestamp: Date.now() - 3 * 60 * SECOND_MS,
    title: 'Maria G. from Austin, US',
    message: 'purchased Sneakers and 2 more',
    ...overrides,
  };
}

export function buildCounter(overrides: Partial<PublicCounter> = {}): PublicCounter {
  return {
    notificationId: 2,
    count: 127,
    windowMs: 24 * 3600 * SECOND_MS,
    message: '127 people signed up in the last 24 hours',
    ...overrides,
  };
}

export function buildReady(overrides: Partial<WidgetReadyPayload> = {}): WidgetReadyPayload {
  return {
    notifications: [buildNotification()],
    conversions: [],
    counters: [],
    visitors: null,
    serverTime: Date.now(),
    ...overrides,
  };
}
