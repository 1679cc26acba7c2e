// A form-capture rule: on pages whose path matches `path`, a sent form matching `selector` becomes a
// delivery to the notification `notificationId` of the same site (see docs/form-capture.md).

export interface CaptureRule {
  /** Unique within its site: the widget names the rule it matched by this id. */
  id: number;
  siteId: number;
  /** `*` wildcard on the page's path, e.g. `/signup*`. */
  path: string;
  /** CSS selector of the form, e.g. `form#signup`. */
  selector: string;
  notificationId: number;
  createdAt: number;
  updatedAt: number;
}

export type CaptureRuleInput = Pick<CaptureRule, 'path' | 'selector' | 'notificationId'>;

/** A site's widgets get every rule at each handshake, and each sent form is matched against all of them. */
export const MAX_CAPTURE_RULES_PER_SITE = 20;
