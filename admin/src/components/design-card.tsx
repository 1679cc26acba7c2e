// The site's Design card: the look and the default language every notification of the site takes,
// unless a notification overrides them in its settings. Saved designs reach open pages at once.
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { useServices } from '../context.ts';
import { ErrorNote, Loading } from './bits.tsx';
import type { SiteDesignView } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { DEFAULT_DESIGN } from '../../../server/notifications/design-defaults.ts';
import { DesignFields, type DesignOverrides } from './design-fields.tsx';
import { LanguageSelect } from './design-language.tsx';

export function SiteDesignCard({ siteId }: { siteId: number }) {
  const stored = useResource<SiteDesignView>(`/api/sites/${siteId}/design`);
  // The fields appear with the stored design already in them: filled in after they were shown, it
  // would overwrite what the owner had begun to type (a slow answer did, in a test).
  if (!stored.data) {
    return (
      <section class="card form" aria-labelledby="design-heading">
        <h2 id="design-heading">Design</h2>
        <ErrorNote error={stored.error} />
        {!stored.error && <Loading />}
      </section>
    );
  }
  return <SiteDesignForm siteId={siteId} stored={stored.data} onSaved={stored.setData} />;
}

function SiteDesignForm(props: { siteId: number; stored: SiteDesignView; onSaved(view: SiteDesignView): void }) {
  const { siteId, stored, onSaved } = props;
  const { api, notify } = useServices();
  const [design, setDesign] = useState<DesignOverrides>(stored.design);
  const [locale, setLocale] = useState(stored.locale ?? '');
  const [error, setError] = useState('');

  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      const body = { design, ...(locale && { locale }) };
      const saved = await api.patch<SiteDesignView>(`/api/sites/${siteId}/design`, body);
      // The fields show what was stored (the server may have tidied a value), as after a reload.
      setDesign(saved.design);
      setLocale(saved.locale ?? '');
      onSaved(saved);
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
