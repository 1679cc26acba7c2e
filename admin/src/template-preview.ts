// The message template's live preview, rendered by the very functions the server uses for the
// widget (pure modules, bundled here), so the preview can never disagree with the popup.
import { describeWindow, templateValues } from '../../server/conversions/public-view.ts';
import { TITLE_TEMPLATE, renderTemplate, validateTemplate } from '../../server/notifications/message-template.ts';
import type { PrivacyRules } from '../../shared/protocol.ts';
import { samplePurchase } from '../../shared/sample-purchase.ts';
import type { NotificationKind } from './types.ts';

export { TEMPLATE_VARIABLES } from '../../server/notifications/message-template.ts';

/** The sample every preview shows; a template has no word for its time, so any time will do. */
const SAMPLE = samplePurchase(0);

export interface TemplatePreview {
  problem?: string;
  title?: string;
  message: string;
}

/** The rules the preview follows: the counter's window, and the privacy level the form has chosen. */
export interface PreviewRules extends Partial<PrivacyRules> {
  counterWindowMs: number;
}

export function previewTemplate(kind: NotificationKind, template: string, rules: PreviewRules): TemplatePreview {
  const { counterWindowMs } = rules;
  const problem = validateTemplate(template);
  if (problem) return { problem, message: '' };
  if (kind === 'stream') {
    // The sample goes through the same privacy rules as a real conversion: "Someone from Austin"
    // when the form says anonymous.
    const values = templateValues(SAMPLE, rules);
    return { title: renderTemplate(TITLE_TEMPLATE, values), message: renderTemplate(template, values) };
  }
  if (kind === 'conversion') {
    return { message: renderTemplate(template, { count: '27', window: describeWindow(counterWindowMs) }) };
  }
  return { message: renderTemplate(template, { count: '23' }) };
}
