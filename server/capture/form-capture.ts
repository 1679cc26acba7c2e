// The widget side of form capture: each (non-preview) widget gets its site's rules in its snapshot,
// and a `capture:record` event is checked (rule, page, fields, limits) and stored as a delivery to the
// rule's notification through the webhook's own commit, which pushes its conversion live and feeds
// the admin's inspector. Nothing is ever answered: a page learns nothing about what was stored.
import type { PublicCaptureRule } from '../../shared/protocol.ts';
import { type WebhookDeps, commitDelivery } from '../ingest/handle-webhook.ts';
import { createTokenBucketLimiter } from '../ingest/rate-limiter.ts';
import type { WidgetSocket } from '../realtime/widget-socket.types.ts';
import { type CaptureLimits, DEFAULT_CAPTURE_LIMITS } from './capture-limits.ts';
import { type CaptureRuleStore, createCaptureRuleStore } from './capture-rule.store.ts';
import { capturedDeliveryRecord } from './captured-delivery.ts';
import { readCapturedForm } from './captured-form.ts';
import { matchesPathPattern } from './path-pattern.ts';

/** What the realtime side calls: the rules for a site's snapshot, and the listener for a socket. */
export interface WidgetCapture {
  /** The site's rules as widgets see them; empty (logged) when they cannot be read. Never throws. */
  rulesFor(siteId: number): Promise<PublicCaptureRule[]>;
  listen(socket: WidgetSocket): void;
}

export interface FormCaptureDeps extends WebhookDeps {
  limits?: CaptureLimits;
  rules?: CaptureRuleStore;
}

export type CaptureDropReason = 'invalid' | 'rate-limited' | 'no-rule' | 'page-not-matched' | 'no-target';

export function createFormCapture(deps: FormCaptureDeps): WidgetCapture & {
  /** One event: stored, or why not (logged at debug level only; the page is never told). */
  take(siteId: number, address: string, input: unknown): Promise<CaptureDropReason | 'stored'>;
  /** The rules' storage, shared with the admin routes. */
  rules: CaptureRuleStore;
} {
  const { storage, clock, logger } = deps;
  const limits = deps.limits ?? DEFAULT_CAPTURE_LIMITS;
  const rules = deps.rules ?? createCaptureRuleStore(storage.settings, clock);
  const perAddress = createTokenBucketLimiter({
    ratePerSecond: limits.perAddressPerSecond,
    burst: limits.perAddressBurst,
    clock,
  });
  const perSite = createTokenBucketLimiter({
    ratePerSecond: limits.perSitePerSecond,
    burst: limits.perSiteBurst,
    clock,
  });

  async function take(siteId: number, address: string, input: unknown): Promise<CaptureDropReason | 'stored'> {
    const form = readCapturedForm(input);
    if (!form) return 'invalid';
    // The address first: one abusive client must not use up the site's budget for everyone else.
    if (!(await perAddress.take(address)).allowed) return 'rate-limited';
    if (!(await perSite.take(`site:${siteId}`)).allowed) return 'rate-limited';
    const rule = await rules.find(siteId, form.ruleId);
    if (!rule) return 'no-rule';
    if (!matchesPathPattern(rule.path, form.path)) return 'page-not-matched';
    const notification = await storage.notifications.find(rule.notificationId);
    if (!notification || notification.siteId !== siteId || notification.status === 'deleted') return 'no-target';
    if (notification.kind === 'visitors') return 'no-target';
    const record = await capturedDeliveryRecord(form, {
      notification,
      rule,
      receivedAt: clock.now(),
      geo: deps.geo,
      logger,
    });
    await commitDelivery(record, notification, deps);
    return 'stored';
  }

  return {
    take,
    rules,
    async rulesFor(siteId) {
      try {
        return (await rules.list(siteId)).map(({ id, path, selector }) => ({ id, path, selector }));
      } catch (error) {
        logger.error({ err: error, siteId }, 'capture: reading the capture rules failed');
        return [];
      }
    },
    listen(socket) {
      socket.on('capture:record', async (input) => {
        const { siteId, address } = socket.data;
        try {
          const result = await take(siteId, address, input);
          if (result !== 'stored') logger.debug({ siteId, result }, 'capture: form not stored');
        } catch (error) {
          logger.error({ err: error, siteId }, 'capture: storing a captured form failed');
        }
      });
    },
  };
}

export type FormCapture = ReturnType<typeof createFormCapture>;
