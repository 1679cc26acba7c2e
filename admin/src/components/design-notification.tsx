// A notification's language, title, targeting and design, inside its settings form: the default
// language, the title template (stream), which devices it shows on, product match (stream and
// conversion counter: "3 people bought this in the last 24 hours" on each product page), and
// its own design over the site's.
import type { DeviceTarget, WidgetDesign } from '../../../shared/protocol.ts';
import { DEFAULT_DESIGN } from '../../../server/notifications/design-defaults.ts';
import type { NotificationKind } from '../types.ts';
import { useResource } from '../use-resource.ts';
import type { SiteDesignView } from '../types.ts';
import { DesignFields, type DesignOverrides } from './design-fields.tsx';
import { LanguageSelect } from './design-language.tsx';

/** The display fields this part edits; null puts one back to the site's or the built-in value. */
export interface NotificationLook {
  device?: DeviceTarget;
  productMatch?: boolean;
  locale?: string | null;
  titleTemplate?: string | null;
  design?: DesignOverrides | null;
}

interface Props {
  kind: NotificationKind;
  siteId: number;
  value: NotificationLook;
  set<K extends keyof NotificationLook>(key: K, value: NotificationLook[K]): void;
}

export function NotificationLookFields({ kind, siteId, value, set }: Props) {
  const site = useResource<SiteDesignView>(`/api/sites/${siteId}/design`);
  const base: WidgetDesign = site.data?.effective ?? DEFAULT_DESIGN;
  const own = value.design != null;
  return (
    <fieldset>
      <legend>Language, devices and design</legend>
      <div class="grid-fields">
        <LanguageSelect
          id="rule-locale"
          label="Default language"
          value={value.locale ?? ''}
          emptyLabel="The site's default language"
          onChange={(code) => set('locale', code || null)}
        />
        <div>
          <label for="rule-device">Show on</label>
          <select
            id="rule-device"
            value={value.device ?? 'all'}
            onChange={(e) => set('device', e.currentTarget.value as DeviceTarget)}
          >
            <option value="all">Every device</option>
            <option value="desktop">Desktops only</option>
            <option value="mobile">Phones and small tablets only</option>
          </select>
        </div>
      </div>
      {kind === 'stream' && (
        <>
          <label for="rule-title">Title template</label>
          <input
            id="rule-title"
            maxLength={300}
            value={value.titleTemplate ?? ''}
            placeholder="{{name}} from {{location}} || {{name}} || Someone from {{location}} || Someone"
            onInput={(e) => set('titleTemplate', e.currentTarget.value.trim() ? e.currentTarget.value : null)}
          />
          <p class="hint">Empty: the built-in title in the page's language.</p>
        </>
      )}
      {(kind === 'stream' || kind === 'conversion') && (
        <label class="choice">
          <input
            id="rule-productMatch"
            type="checkbox"
            checked={value.productMatch ?? false}
            onChange={(e) => set('productMatch', e.currentTarget.checked)}
          />
          <span>
            {kind === 'stream'
              ? "On a product page, show only that product's conversions (its link's path matches the page's)"
              : 'On a product page, count only that product\'s conversions: "3 people bought this in the last 24 hours"'}
          </span>
        </label>
      )}
      <label class="choice">
        <input
          id="rule-own-design"
          type="checkbox"
          checked={own}
          onChange={(e) => set('design', e.currentTarget.checked ? {} : null)}
        />
        <span>Its own design (otherwise the site's Design card decides)</span>
      </label>
      {own && (
        <DesignFields
          id="notification-design"
          value={value.design ?? {}}
          base={base}
          onChange={(design) => set('design', design)}
        />
      )}
    </fieldset>
  );
}
