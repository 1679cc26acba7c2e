// Types only: a notification as the admin API returns it (GET /api/sites/:id/notifications and
// friends, server/notifications/notification.view.ts) and the site overview's rows.
import type { MappableField } from './field-map.ts';
import type { Outcome } from './deliveries.ts';
import type { DisplayRules, NotificationKind } from './protocol.ts';

export type { NotificationKind };
export type NotificationStatus = 'active' | 'paused' | 'deleted';
/** What a failed signature check does: answer 401, or answer 200 and keep the delivery out of sight. */
export type VerificationFailure = 'quarantine' | 'reject';
/** The owner's paths for fields detection reads wrong: field → path into the body (`amount/100`). */
export type FieldMap = Partial<Record<MappableField, string>>;

/**
 * A signature check's settings with every secret masked ('whsec_…a1b2'). The full shape per scheme is
 * the server's schema (server/ingest/signatures/verification-config.ts).
 */
export interface VerificationView {
  scheme: string;
  secrets: string[];
}

/** One webhook URL, one kind of popup: what the stored notification and its admin view share. */
export interface NotificationFields {
  id: number;
  siteId: number;
  kind: NotificationKind;
  name: string;
  messageTemplate: string;
  /** Never `deleted` in the admin API: a deleted notification is not found. */
  status: NotificationStatus;
  ingestToken: string;
  onVerificationFailure: VerificationFailure;
  /** null when there is none (the default). */
  fieldMap: FieldMap | null;
  createdAt: number;
  updatedAt: number;
}

export interface NotificationView extends NotificationFields {
  /** The full webhook URL. */
  ingestUrl: string;
  /** The widget's rules and the server-only privacy rules, with defaults filled in. */
  display: DisplayRules;
  /** null when signatures are not checked (the default). */
  verification: VerificationView | null;
}

/** GET /api/sites/:id/overview: per notification, the last delivery and the conversions of 24 hours. */
export interface NotificationOverview {
  id: number;
  lastDelivery: { id: number; receivedAt: number; status: number; outcome: Outcome; reason: string | null } | null;
  conversions24h: number;
}
