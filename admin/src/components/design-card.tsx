// The site's Design card: the look and the default language every notification of the site takes,
// unless a notification overrides them in its settings. Saved designs reach open pages at once.
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { useServices } from '../context.ts';
import type { SiteDesignView } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { DEFAULT_DESIGN } from '../../../server/notifications/design-defaults.ts';
import { DesignFields, type DesignOverrides } from './design-fields.tsx';
import { LanguageSelect } from './design-language.tsx';

export function SiteDesignCard({ siteId }: { siteId: number }) {
  const { api, notify } = useServices();
  const stored = useResource<SiteDesignView>(`/api/sites/${siteId}/design`);
  const [design, setDesign] = useState<DesignOverrides>({});
  const [locale, setLocale] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (!stored.data) return;
    setDesign(stored.data.design);
    setLocale(stored.data.locale ?? '');
  }, [stored.data]);

  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      const body = { design, ...(locale && { locale }) };
      stored.setData(await api.patch<SiteDesignView>(`/api/sites/${siteId}/design`, body));
      notify('Design saved: open pages show it now');
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  return (
    <form class="card form" onSubmit={save} noValidate aria-labelledby="design-heading">
      <h2 id="design-heading">Design</h2>
      <p class="hint">How every popup of this site looks; a notification can change any of it in its settings.</p>
      <LanguageSelect id="site-locale" label="Default language" value={locale} onChange={setLocale} />
      <DesignFields id="site-design" value={design} base={DEFAULT_DESIGN} onChange={setDesign} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" class="button" onClick={() => setDesign({})}>
          Back to the built-in look
        </button>
        <button type="submit" class="button primary">
          Save design
        </button>
      </div>
    </form>
  );
}
