// A select of the languages the popup has built-in words for, named in English by Intl.DisplayNames.
import { LOCALE_CODES } from '../../../server/i18n/locales.ts';

const nameOf = (code: string): string => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};

interface Props {
  id: string;
  label: string;
  /** '' follows the default shown as `emptyLabel`. */
  value: string;
  emptyLabel?: string;
  onChange(code: string): void;
}

export function LanguageSelect({ id, label, value, emptyLabel = 'English (built-in default)', onChange }: Props) {
  return (
    <div>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)} aria-describedby={`${id}-help`}>
        <option value="">{emptyLabel}</option>
        {LOCALE_CODES.map((code) => (
          <option key={code} value={code}>
            {nameOf(code)} ({code})
          </option>
        ))}
      </select>
      <p id={`${id}-help`} class="hint">
        Used when the page names no language the popup knows: a page's <code>data-lang</code> or{' '}
        <code>&lt;html lang&gt;</code> comes first.
      </p>
    </div>
  );
}
