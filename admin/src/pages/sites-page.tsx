// Sites: each with its embed snippet (pinned by SRI hash) to copy, and a form to create one.
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { EmptyState, ErrorNote, Loading, RelativeTime } from '../components/bits.tsx';
import { CopyField } from '../components/copy-button.tsx';
import { PageTitle } from '../components/layout.tsx';
import { useServices } from '../context.ts';
import { Link, navigate } from '../router.tsx';
import type { Site } from '../types.ts';
import { nameProblem, readOrigins } from '../input-checks.ts';
import { useResource } from '../use-resource.ts';

const toOrigins = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((line) => line.trim())
    .filter(Boolean);

function CreateSiteForm({ onCreated }: { onCreated(site: Site): void }) {
  const { api } = useServices();
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const read = readOrigins(toOrigins(origins));
    const problem = nameProblem(name, 'site') ?? ('problem' in read ? read.problem : undefined);
    setError(problem ?? '');
    if (problem || !('origins' in read)) return;
    setBusy(true);
    try {
      onCreated(await api.post<Site>('/api/sites', { name, allowedOrigins: read.origins }));
      setName('');
      setOrigins('');
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="create-site">
      <h2 id="create-site">Create a site</h2>
      <label for="site-name">Name</label>
      <input
        id="site-name"
        maxLength={100}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'create-site-error' : undefined}
      />
      <label for="site-origins">Allowed origins (optional)</label>
      <textarea
        id="site-origins"
        rows={2}
        placeholder="https://shop.example.com"
        aria-describedby="site-origins-help"
        value={origins}
        onInput={(e) => setOrigins(e.currentTarget.value)}
      />
      <p id="site-origins-help" class="hint">
        One per line. When set, the widget only runs on these origins. Leave empty to allow any.
      </p>
      {error && (
        <p id="create-site-error" class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>
          Create site
        </button>
      </div>
    </form>
  );
}

export function SiteCard({ site, heading = true }: { site: Site; heading?: boolean }) {
  return (
    <section class="card" aria-labelledby={heading ? `site-${site.id}` : 'embed-heading'}>
      {heading && (
        <h2 id={`site-${site.id}`}>
          <Link class="clip" href={`/admin/sites/${site.id}`} title={site.name}>
            {site.name}
          </Link>
        </h2>
      )}
      <p class="muted break">
        Created <RelativeTime ms={site.createdAt} /> ·{' '}
        {site.allowedOrigins.length > 0 ? `Only on ${site.allowedOrigins.join(', ')}` : 'Any origin may embed it'}
      </p>
      {heading ? <h3>Embed code</h3> : <h2 id="embed-heading">Embed code</h2>}
      <p class="hint">Paste it before &lt;/body&gt; on every page that should show popups.</p>
      <CopyField text={site.embedSnippet} what={`embed code of ${site.name}`} multiline />
      {heading && (
        <p>
          <Link class="clip" href={`/admin/sites/${site.id}`} title={`Notifications of ${site.name}`}>
            Notifications of {site.name} →
          </Link>
        </p>
      )}
    </section>
  );
}

export function SitesPage() {
  const sites = useResource<{ sites: Site[] }>('/api/sites');
  const list = sites.data?.sites ?? [];
  return (
    <>
      <PageTitle title="Sites">Sites</PageTitle>
      <p class="lead">A site is one website that shows popups. Each gets one line of embed code.</p>
      <ErrorNote error={sites.error} />
      {sites.loading && !sites.data && <Loading />}
      {sites.data && list.length === 0 && (
        <EmptyState title="No sites yet">
          <p>Create your first site below, paste its embed code into your website, then add a notification to it.</p>
        </EmptyState>
      )}
      <div class="stack">
        {list.map((site) => (
          <SiteCard key={site.id} site={site} />
        ))}
      </div>
      <CreateSiteForm onCreated={(site) => navigate(`/admin/sites/${site.id}`)} />
    </>
  );
}
