// A notification as widgets receive it: its public rules, its design (site design with the
// notification's overrides) and its words in the language the page asked for.
import type { PublicNotification } from '../../shared/protocol.ts';
import { buildWidgetText } from '../i18n/widget-text.ts';
import { mergeDesign } from './design.ts';
import { toWidgetDisplayRules, withDisplayDefaults } from './display-rules.ts';
import type { Notification } from './notification.types.ts';
import type { SiteLook } from './site-design.ts';

export function toPublicNotification(
  notification: Notification,
  siteLook: SiteLook,
  lang: unknown,
): PublicNotification {
  const rules = withDisplayDefaults(notification.display);
  const stored = notification.display;
  // A site-wide position applies unless the notification chose its own.
  const position = stored.position ?? siteLook.design.position ?? rules.position;
  return {
    id: notification.id,
    kind: notification.kind,
    display: { ...toWidgetDisplayRules(rules), position },
    design: mergeDesign(siteLook.design, stored.design),
    text: buildWidgetText(notification, lang, siteLook.locale),
  };
}
