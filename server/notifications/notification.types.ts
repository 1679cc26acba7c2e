// The notification entity: one webhook URL, one kind of popup.
import type {
  NotificationFields,
  NotificationKind,
  NotificationStatus,
  VerificationFailure,
} from '../../shared/notifications.ts';
import type { VerificationConfig } from '../ingest/signatures/verification-config.ts';
import type { FieldMapPatch } from '../senders/field-map.ts';
import type { DisplayRulesPatch } from './display-rules.ts';

export type { NotificationKind, NotificationStatus, VerificationFailure };

export interface Notification extends NotificationFields {
  /** Only what the admin changed; see withDisplayDefaults. */
  display: DisplayRulesPatch;
  /** Null when signatures are not checked (the default). */
  verification: VerificationConfig | null;
  deletedAt: number | null;
}

export interface NotificationInput {
  siteId: number;
  kind: NotificationKind;
  name: string;
  messageTemplate: string;
  display: DisplayRulesPatch;
}

export interface NotificationPatch {
  name?: string;
  messageTemplate?: string;
  status?: 'active' | 'paused';
  display?: DisplayRulesPatch;
  verification?: VerificationConfig | null;
  onVerificationFailure?: VerificationFailure;
  /** Merged into the stored map field by field (null removes a field); null clears the whole map. */
  fieldMap?: FieldMapPatch | null;
}

export interface NotificationRepository {
  create(input: NotificationInput): Promise<Notification>;
  listBySite(siteId: number): Promise<Notification[]>;
  /** Live notifications only (not deleted). */
  find(id: number): Promise<Notification | undefined>;
  /** Includes deleted ones: their URLs answer 410 rather than 404. */
  findByIngestToken(token: string): Promise<Notification | undefined>;
  update(id: number, patch: NotificationPatch): Promise<Notification | undefined>;
  rotateToken(id: number): Promise<Notification | undefined>;
  remove(id: number): Promise<boolean>;
}
