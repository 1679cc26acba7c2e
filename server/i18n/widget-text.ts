// Which words a widget gets: the page's language when the server has words for it ("de-AT" gets
// German; the widget still formats times and numbers as de-AT), else the notification's default language, else the site's, else English.
import type { WidgetText } from '../../shared/protocol.ts';
import { DEFAULT_TEMPLATES } from '../notifications/message-template.ts';
import type { NotificationKind } from '../notifications/notification.types.ts';
import { DEFAULT_LOCALE, isLocaleCode, LOCALES, type LocaleCode, type LocaleWords } from './locales.ts';

const MAX_TAG_LENGTH = 35;

/** The language of a well-formed BCP 47 tag when it has built-in words; undefined otherwise. */
export function matchLocale(requested: unknown): LocaleCode | undefined {
  if (typeof requested !== 'string' || requested.length > MAX_TAG_LENGTH) return undefined;
  let tag: string;
  try {
    // "en_US" is not a tag: browsers report it as is from <html lang>, so underscores are read as hyphens.
    tag = Intl.getCanonicalLocales(requested.trim().replace(/_/g, '-'))[0] ?? '';
  } catch {
    return undefined;
  }
  const code = tag.split('-')[0]?.toLowerCase();
  return isLocaleCode(code) ? code : undefined;
}

/** The built-in message: a product counter says "bought this", not "signed up". */
function builtInMessage(notification: TextSource, words: LocaleWords): string {
  return notification.kind === 'conversion' && notification.display.productMatch
    ? words.productCounter
    : words[notification.kind];
}

export interface TextSource {
  kind: NotificationKind;
  messageTemplate: string;
  display: {
    locale?: LocaleCode | null;
    titleTemplate?: string | null;
    templates?: Record<string, { title?: string; message?: string }>;
    /** On a conversion counter: the product wording ("bought this") instead of the site-wide one. */
    productMatch?: boolean;
  };
}

/**
 * The owner's own message template is used in every language unless a language has its own override;
 * the built-in default message is translated.
 */
export function buildWidgetText(
  notification: TextSource,
  requested: unknown,
  siteLocale: LocaleCode | undefined,
): WidgetText {
  const fallback = notification.display.locale ?? siteLocale ?? DEFAULT_LOCALE;
  const code = matchLocale(requested) ?? fallback;
  const words = LOCALES[code];
  const override = notification.display.templates?.[code];
  const ownMessage =
    notification.messageTemplate !== DEFAULT_TEMPLATES[notification.kind] ? notification.messageTemplate : undefined;
  return {
    locale: code,
    dir: words.dir,
    title: override?.title ?? notification.display.titleTemplate ?? words.title,
    message: override?.message ?? ownMessage ?? builtInMessage(notification, words),
    more: words.more,
    close: words.close,
    previewLabel: words.previewLabel,
    testLabel: words.testLabel,
  };
}

/** The language part of a widget's room: one per language with words, '' for every other page. */
export function localeRoomOf(requested: unknown): LocaleCode | '' {
  return matchLocale(requested) ?? '';
}
