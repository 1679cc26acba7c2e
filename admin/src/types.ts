// The admin API's JSON shapes, as docs/api.md describes them (only what this page reads).
import type { DisplayRules } from '../../shared/protocol.ts';

export type NotificationKind = 'stream' | 'conversion' | 'visitors';
/** `unverified`: the signature check failed (kept out of sight); `test`: a test event, shown only in previews. */
export type Outcome = 'accepted' | 'duplicate' | 'ignored' | 'unparsed' | 'rejected' | 'unverified' | 'test';

export interface SessionInfo {
  authenticated: true;
  csrfToken: string;
  expiresAt: number;
  passwordSet: boolean;
  serverTime: number;
}

export interface Site {
  id: number;
  name: string;
  allowedOrigins: string[];
  widgetKey: string;
  widgetScriptUrl: string;
  embedSnippet: string;
  createdAt: number;
}

/** What the admin API returns per notification: the widget's rules and the server-only privacy rules. */
export type { DisplayRules };

export interface Notification {
  id: number;
  siteId: number;
  kind: NotificationKind;
  name: string;
  messageTemplate: string;
  status: 'active' | 'paused';
  ingestToken: string;
  ingestUrl: string;
  display: DisplayRules;
  /** Field → path into the parsed body (`amount/100` for cents); null when there is none. */
  fieldMap: Record<string, string> | null;
  createdAt: number;
  updatedAt: number;
}

export interface NotificationOverview {
  id: number;
  lastDelivery: { id: number; receivedAt: number; status: number; outcome: Outcome; reason: string | null } | null;
  conversions24h: number;
}

export interface DeliverySummary {
  id: number;
  notificationId: number;
  receivedAt: number;
  method: string;
  status: number;
  outcome: Outcome;
  reason: string | null;
  replayOf: number | null;
  bodyBytes: number;
  contentType: string | null;
  /** The detected name (or the email without one). */
  person: string | null;
  /** The product shown, "Sneakers and 2 more". */
  product: string | null;
  /** The sender profile that read it; null when detection alone did. */
  sender: { id: string; name: string } | null;
}

/** A page of the inspector's list, filtered on the server among every stored delivery. */
export interface DeliveryPage {
  deliveries: DeliverySummary[];
  /** null when no older delivery (that matches the filter) is left. */
  nextBeforeId: number | null;
}

/** A sender Proofhook reads by name, with its own setup guide (GET /api/senders). */
export interface SenderGuide {
  id: string;
  name: string;
  docs: string;
}

export interface Milestone {
  at: number;
  notificationId: number;
}

/** GET /api/sites/:id/onboarding: each step of the way to a first popup, ticked from what happened. */
export interface OnboardingChecklist {
  siteId: number;
  notifications: Array<{ id: number; name: string; kind: NotificationKind }>;
  snippet: { done: boolean; seen: Array<{ origin: string; at: number; allowed: boolean }> };
  webhook: {
    done: boolean;
    applies: boolean;
    milestone: Milestone | null;
    last: {
      id: number;
      notificationId: number;
      receivedAt: number;
      outcome: Outcome;
      reason: string | null;
      sender: SenderGuide | null;
    } | null;
  };
  conversion: { done: boolean; applies: boolean; milestone: Milestone | null };
  impression: { done: boolean; milestone: Milestone | null };
}

export interface Delivery extends DeliverySummary {
  headers: Record<string, string>;
  query: string | null;
  bodyText: string;
  bodyTruncated: boolean;
  dedupeKey: string | null;
  bodyFormat: string | null;
  normalized: Record<string, unknown> | null;
  fieldSources: Record<string, string> | null;
  conversionId: number | null;
  /** The sender profile that read it (GET /api/deliveries/:id only); null when detection alone did. */
  senderProfile?: { id: string; name: string; docs: string | null } | null;
  /** The parsed body's leaves with their values (GET /api/deliveries/:id only). */
  bodyFields?: BodyField[];
}

export interface BodyField {
  path: string;
  value: string;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ReplayResult {
  outcome: Outcome;
  delivery: Delivery;
  conversion: Conversion | null;
  changes: FieldChange[];
}

export interface ProductLine {
  name?: string;
  link?: string;
  price?: number;
  quantity?: number;
}

export interface Conversion {
  id: number;
  notificationId: number;
  deliveryId: number;
  receivedAt: number;
  timestamp: number;
  email?: string;
  firstName?: string;
  lastName?: string;
  city?: string;
  state?: string;
  stateCode?: string;
  country?: string;
  countryCode?: string;
  productName?: string;
  total?: number;
  currency?: string;
  moreProducts: number;
}

export interface WindowStats {
  deliveries: number;
  accepted: number;
  duplicate: number;
  ignored: number;
  unparsed: number;
  rejected: number;
  conversions: number;
  impressions: number;
  clicks: number;
  dismisses: number;
  clickThroughRate: number | null;
}

export interface DailyStats {
  day: string;
  deliveries: number;
  accepted: number;
  ignored: number;
  impressions: number;
  clicks: number;
  dismisses: number;
}

export const SAMPLE_FORMATS = [
  ['proofhook', 'Proofhook conversion format (JSON)'],
  ['kajabi', 'Kajabi purchase'],
  ['form', 'Form post (Mailchimp style)'],
  ['stripe', 'Stripe checkout.session.completed'],
  ['shopify', 'Shopify orders/create'],
  ['woocommerce', 'WooCommerce order.created'],
] as const;
