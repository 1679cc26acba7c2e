// Maps notification rows (the same columns in SQLite and PostgreSQL) to Notification objects.
import { mergeFieldMap } from '../senders/field-map.ts';
import type { Notification, NotificationPatch } from './notification.types.ts';

export interface NotificationRow {
  id: number;
  site_id: number;
  kind: Notification['kind'];
  name: string;
  message_template: string;
  status: Notification['status'];
  ingest_token: string;
  display: string;
  verification: string | null;
  on_verification_failure: Notification['onVerificationFailure'];
  field_map: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    siteId: row.site_id,
    kind: row.kind,
    name: row.name,
    messageTemplate: row.message_template,
    status: row.status,
    ingestToken: row.ingest_token,
    display: JSON.parse(row.display),
    verification: row.verification === null ? null : JSON.parse(row.verification),
    onVerificationFailure: row.on_verification_failure,
    fieldMap: row.field_map === null ? null : JSON.parse(row.field_map),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/** The field_map column after a patch (both repositories). */
export function fieldMapColumn(current: string | null, patch: NotificationPatch['fieldMap']): string | null {
  if (patch === undefined) return current;
  const merged = mergeFieldMap(current === null ? null : JSON.parse(current), patch);
  return merged && JSON.stringify(merged);
}
