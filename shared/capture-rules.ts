// Types only: a form-capture rule as the server stores it and as the admin API returns it
// (GET/POST/PATCH /api/sites/:id/capture-rules). On pages whose path matches `path`, a sent form
// matching `selector` becomes a delivery to the notification `notificationId` of the same site
// (see docs/form-capture.md).

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

/** What the owner sends to add a rule; a PATCH sends any of these. */
export type CaptureRuleInput = Pick<CaptureRule, 'path' | 'selector' | 'notificationId'>;

/** GET /api/sites/:id/capture-rules: the site's rules, and how many it may have. */
export interface CaptureRuleList {
  rules: CaptureRule[];
  maxRules: number;
}
