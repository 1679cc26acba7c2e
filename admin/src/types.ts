// The admin API's JSON shapes: declared once in shared/, where the server's routes take them from too.
export type { CaptureRule, CaptureRuleList } from '../../shared/capture-rules.ts';
export type { Conversion, ConversionPage, ProductLine } from '../../shared/conversion.ts';
export type {
  BodyField,
  DeliveryDetail as Delivery,
  DeliveryPage,
  DeliverySummary,
  EraseReply,
  FieldChange,
  Outcome,
  ReplayResult,
  SenderGuide,
} from '../../shared/deliveries.ts';
export type { ImportMapping, ImportSummary, RowNote } from '../../shared/imports.ts';
export type {
  NotificationView as Notification,
  NotificationKind,
  NotificationOverview,
} from '../../shared/notifications.ts';
export type { DisplayRules } from '../../shared/protocol.ts';
export type { SessionInfo } from '../../shared/session.ts';
export type {
  Milestone,
  OnboardingChecklist,
  PreviewLinkReply,
  SiteDesignView,
  SiteView as Site,
} from '../../shared/sites.ts';
export type { DailyStats, DailyStatsReport, StatsReport, WindowStats } from '../../shared/stats.ts';
