// Types only: a site as the server stores it and as the admin API returns it, its onboarding
// checklist (GET /api/sites/:id/onboarding), its design and its preview links.
import type { Outcome, SenderGuide } from './deliveries.ts';
import type { NotificationKind, WidgetDesign } from './protocol.ts';

export interface Site {
  id: number;
  name: string;
  /** Origins allowed to embed the widget (e.g. https://shop.example.com); empty = any. */
  allowedOrigins: string[];
  widgetKey: string;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** A site in the admin API: with the script URL and the whole embed code to paste. */
export interface SiteView extends Site {
  widgetScriptUrl: string;
  embedSnippet: string;
}

export interface Milestone {
  /** When it happened (epoch ms); for impressions, the start of the UTC day they were counted on. */
  at: number;
  notificationId: number;
}

export interface WidgetSighting {
  origin: string;
  at: number;
}

export interface LastDelivery {
  id: number;
  notificationId: number;
  receivedAt: number;
  outcome: Outcome;
  reason: string | null;
  /** The sender profile that read it, with its setup guide; null when detection alone read it. */
  sender: SenderGuide | null;
}

/** Each step of the way to a first popup, ticked from what happened. */
export interface OnboardingChecklist {
  siteId: number;
  notifications: Array<{ id: number; name: string; kind: NotificationKind }>;
  snippet: { done: boolean; seen: Array<WidgetSighting & { allowed: boolean }> };
  /** `applies` is false when every notification of the site counts live visitors (no webhooks). */
  webhook: { done: boolean; applies: boolean; milestone: Milestone | null; last: LastDelivery | null };
  conversion: { done: boolean; applies: boolean; milestone: Milestone | null };
  impression: { done: boolean; milestone: Milestone | null };
}

/** GET and PATCH /api/sites/:id/design: what the owner set, and what widgets get from it. */
export interface SiteDesignView {
  /** Only what the owner changed from the built-in look. */
  design: Partial<WidgetDesign>;
  /** The site's default language; absent: English. */
  locale?: string;
  effective: WidgetDesign;
  effectiveLocale: string;
}

/** POST /api/sites/:id/preview-link: a one-hour link that shows the site's test events on the site. */
export interface PreviewLinkReply {
  token: string;
  expiresAt: number;
  /** Null when the site allows every origin and so has no known address. */
  url: string | null;
  /** `?proofhook-preview=…`, to add to any page of the site. */
  query: string;
}
