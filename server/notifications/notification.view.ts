// The admin JSON shape of a notification: display rules with defaults filled in, and its full webhook URL.
import type { NotificationView } from '../../shared/notifications.ts';
import { redactVerificationConfig } from '../ingest/signatures/verify-signature.ts';
import { withDisplayDefaults } from './display-rules.ts';
import type { Notification } from './notification.types.ts';

export function toNotificationView(notification: Notification, baseUrl: string): NotificationView {
  const { deletedAt: _deletedAt, ...rest } = notification;
  return {
    ...rest,
    display: withDisplayDefaults(notification.display),
    // Secrets never leave the server whole: the admin sees which one is set, not its value.
    verification: notification.verification && redactVerificationConfig(notification.verification),
    ingestUrl: `${baseUrl}/hooks/${notification.ingestToken}`,
  };
}
