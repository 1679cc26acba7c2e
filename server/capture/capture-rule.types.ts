// A form-capture rule: declared in shared/capture-rules.ts, which the admin reads too.
export type { CaptureRule, CaptureRuleInput, CaptureRuleList } from '../../shared/capture-rules.ts';

/** A site's widgets get every rule at each handshake, and each sent form is matched against all of them. */
export const MAX_CAPTURE_RULES_PER_SITE = 20;
