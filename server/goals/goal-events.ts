// What widgets report about goals: a visit per browser, day and exposure group (deduplicated in the
// browser), and each goal reached. Validated, limited per connection and per client address and
// site (the widget-stats way: a page reconnecting again and again shares its address's budget),
// stored as daily counts, never relayed. Each socket first gets the site's goal settings.
import type { Logger } from 'pino';
import type { GoalExposure, GoalReached, GoalsToWidgetEvents } from '../../shared/protocol.ts';
import type { Clock } from '../clock.ts';
import { createMinuteBudget } from '../realtime/widget-stats.ts';
import type { WidgetSocket } from '../realtime/widget-socket.types.ts';
import type { Storage } from '../storage/storage.ts';
import { DEFAULT_GOAL_SETTINGS, type GoalSettings, createGoalSettings, toWidgetGoalSettings } from './goal-settings.ts';
import { GOAL_EXPOSURES, GOAL_NAME, MAX_GOAL_VALUE } from './goal.types.ts';

/** A page view sends a few visits (one per group it enters) and seldom more than a few goals. */
export const MAX_GOAL_EVENTS_PER_CONNECTION_PER_MINUTE = 20;
/** Shared by everyone behind one address (an office, a carrier NAT), hence not lower. */
export const MAX_GOAL_EVENTS_PER_ADDRESS_PER_SITE_PER_MINUTE = 120;

const isExposure = (value: unknown): value is GoalExposure => GOAL_EXPOSURES.includes(value as GoalExposure);

/** The goal as it may be stored, or undefined for anything malformed. */
export function readGoalReached(input: unknown, notificationIds: ReadonlySet<number>) {
  if (typeof input !== 'object' || input === null) return undefined;
  const { goal, value, exposure, first, notificationId } = input as Partial<Record<keyof GoalReached, unknown>>;
  if (typeof goal !== 'string' || !GOAL_NAME.test(goal) || !isExposure(exposure)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  return {
    goal,
    exposure,
    first: first === true,
    valueCents: Math.round(Math.min(value, MAX_GOAL_VALUE) * 100),
    // Only a notification of this site, and only for a completion after a click.
    notificationId:
      exposure === 'clicked' && typeof notificationId === 'number' && notificationIds.has(notificationId)
        ? notificationId
        : undefined,
  };
}

export function createGoalEvents(deps: { storage: Storage; clock: Clock; logger: Logger }) {
  const { storage, clock, logger } = deps;
  const settings = createGoalSettings(storage.settings);
  const perAddress = createMinuteBudget(clock, MAX_GOAL_EVENTS_PER_ADDRESS_PER_SITE_PER_MINUTE);

  /** Sends the settings and listens to this (non-preview) widget's visits and goals. */
  return function listenForGoals(socket: WidgetSocket) {
    const { siteId } = socket.data;
    const perConnection = createMinuteBudget(clock, MAX_GOAL_EVENTS_PER_CONNECTION_PER_MINUTE);
    // Until the settings are read, and while the site has goals off, nothing is counted.
    let enabled = false;
    const allowed = () => enabled && perConnection.take('') && perAddress.take(`${siteId} ${socket.data.address}`);
    const store = (what: string, write: () => Promise<void>) =>
      write().catch((error) => logger.warn({ err: error, siteId }, `goals: recording a ${what} failed`));

    socket.on('visit:record', async (visit) => {
      const exposure = (visit as { exposure?: unknown } | null)?.exposure;
      if (!isExposure(exposure) || !allowed()) return;
      await store('visit', () => storage.goals.recordVisit(siteId, exposure, clock.now()));
    });
    socket.on('goal:record', async (input) => {
      const goal = readGoalReached(input, socket.data.notificationIds);
      if (!goal || !allowed()) return;
      await store('goal', () => storage.goals.recordCompletion({ siteId, ...goal, at: clock.now() }));
    });

    // Widgets hold their popups back until these arrive (the control group must never see one), so
    // a storage error still answers: with the defaults, which show popups to everyone.
    const send = (value: GoalSettings) => {
      const event: keyof GoalsToWidgetEvents = 'goals:configured';
      const payload: Parameters<GoalsToWidgetEvents[typeof event]>[0] = toWidgetGoalSettings(value);
      (socket as unknown as { emit(name: string, data: unknown): void }).emit(event, payload);
    };
    settings.read(siteId).then(
      (value) => {
        enabled = value.enabled;
        send(value);
      },
      (error) => {
        logger.warn({ err: error, siteId }, 'goals: reading the goal settings failed');
        send(DEFAULT_GOAL_SETTINGS);
      },
    );
  };
}
