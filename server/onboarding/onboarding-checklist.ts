// A site's way from "created" to "a popup shown on my site", read from what already happened:
// where its widget ran (widget-sightings.ts), the deliveries and conversions of its notifications,
// and the impressions its widgets reported. A step, once done, is written down (the settings table)
// and never looked up again, so a busy site's page costs nothing; until then each look-up reads
// only a few rows per notification.
import type { LastDelivery, Milestone, OnboardingChecklist } from '../../shared/sites.ts';
import { CAPTURE_METHOD } from '../capture/captured-delivery.ts';
import type { Delivery } from '../deliveries/delivery.types.ts';
import { MANUAL_METHOD } from '../imports/manual-entry.ts';
import { IMPORT_METHOD } from '../imports/read-import-row.ts';
import type { Notification } from '../notifications/notification.types.ts';
import type { Site } from '../notifications/site.types.ts';
import type { Storage } from '../storage/storage.ts';
import { senderGuide } from './sender-guides.ts';
import { readWidgetSightings } from './widget-sightings.ts';

/** Deliveries read per notification while looking for a first webhook: the newest ones. */
const RECENT_DELIVERIES = 20;
const EVER = '0000-01-01';

export type { LastDelivery, Milestone, OnboardingChecklist };

interface Milestones {
  webhook?: Milestone;
  conversion?: Milestone;
  impression?: Milestone;
}

const keyOf = (siteId: number) => `onboarding:site:${siteId}:milestones`;

async function readMilestones(storage: Storage, siteId: number): Promise<Milestones> {
  try {
    const parsed = JSON.parse((await storage.settings.get(keyOf(siteId))) ?? '{}') as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Milestones) : {};
  } catch {
    return {};
  }
}

/** A request a sender made: not a test, a CSV row, an entry typed into the admin or a captured form. */
const NOT_WEBHOOKS = new Set([MANUAL_METHOD, IMPORT_METHOD, CAPTURE_METHOD]);
const fromSender = (d: Delivery) => d.outcome !== 'test' && !NOT_WEBHOOKS.has(d.method);

function lastDeliveryView(d: Delivery): LastDelivery {
  return {
    id: d.id,
    notificationId: d.notificationId,
    receivedAt: d.receivedAt,
    outcome: d.outcome,
    reason: d.reason,
    sender: d.normalized?.sender ? (senderGuide(d.normalized.sender) ?? null) : null,
  };
}

/** The oldest of `found` (the first we can see), or the milestone already written down. */
function earliest(current: Milestone | undefined, found: Milestone[]): Milestone | undefined {
  if (current) return current;
  return found.sort((a, b) => a.at - b.at)[0];
}

async function findImpression(storage: Storage, notifications: Notification[]): Promise<Milestone | undefined> {
  const found: Milestone[] = [];
  for (const n of notifications) {
    const totals = await storage.widgetStats.sumSince(n.id, EVER);
    if (totals.impressions === 0) continue;
    const day = (await storage.widgetStats.daily(n.id, EVER)).find((d) => d.impressions > 0)?.day;
    if (day) found.push({ at: Date.parse(`${day}T00:00:00Z`), notificationId: n.id });
  }
  return earliest(undefined, found);
}

export async function readOnboardingChecklist(storage: Storage, site: Site): Promise<OnboardingChecklist> {
  const notifications = await storage.notifications.listBySite(site.id);
  const hooked = notifications.filter((n) => n.kind !== 'visitors');
  const stored = await readMilestones(storage, site.id);
  const milestones: Milestones = { ...stored };

  // Until a conversion came, the newest sender deliveries of each notification that takes webhooks:
  // enough to see a first one arrive, and to say what became of the latest.
  let last: Delivery | undefined;
  if (!stored.webhook || !stored.conversion) {
    const webhooks: Milestone[] = [];
    const accepted: Milestone[] = [];
    for (const n of hooked) {
      const recent = (await storage.deliveries.listByNotification(n.id, { limit: RECENT_DELIVERIES })).filter(
        fromSender,
      );
      if (recent[0] && (!last || recent[0].receivedAt > last.receivedAt)) last = recent[0];
      for (const d of recent) {
        webhooks.push({ at: d.receivedAt, notificationId: n.id });
        if (d.outcome === 'accepted') accepted.push({ at: d.receivedAt, notificationId: n.id });
      }
      if (!stored.conversion && accepted.length === 0) {
        // Older than the recent window, or imported: any stored conversion of the notification counts.
        const [conversion] = await storage.conversions.listByNotification(n.id, { limit: 1 });
        if (conversion) accepted.push({ at: conversion.receivedAt, notificationId: n.id });
      }
    }
    milestones.webhook = earliest(stored.webhook, webhooks);
    milestones.conversion = earliest(stored.conversion, accepted);
  }
  if (!stored.impression) milestones.impression = await findImpression(storage, notifications);

  const changed = (['webhook', 'conversion', 'impression'] as const).some((k) => !stored[k] && milestones[k]);
  if (changed) await storage.settings.set(keyOf(site.id), JSON.stringify(milestones));

  const allows = (origin: string) => site.allowedOrigins.length === 0 || site.allowedOrigins.includes(origin);
  const seen = (await readWidgetSightings(storage.settings, site.id)).map((s) => ({ ...s, allowed: allows(s.origin) }));
  const applies = notifications.length === 0 || hooked.length > 0;
  return {
    siteId: site.id,
    notifications: notifications.map(({ id, name, kind }) => ({ id, name, kind })),
    snippet: { done: seen.some((s) => s.allowed), seen },
    webhook: {
      done: Boolean(milestones.webhook),
      applies,
      milestone: milestones.webhook ?? null,
      last: last ? lastDeliveryView(last) : null,
    },
    conversion: { done: Boolean(milestones.conversion), applies, milestone: milestones.conversion ?? null },
    impression: { done: Boolean(milestones.impression), milestone: milestones.impression ?? null },
  };
}
