// A site's settings in the page: its name, the origins allowed to embed its widget (each checked as
// it is added, each saved at once), and deletion, whose confirmation names what stops working.
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { useServices } from '../context.ts';
import { navigate } from '../router.tsx';
import { nameProblem, readOrigin } from '../input-checks.ts';
import type { Notification, Site } from '../types.ts';
import { useConfirm } from './confirm-dialog.tsx';

interface Props {
  site: Site;
  notifications: Notification[];
  onChange(site: Site): void;
}

function RenameForm({ site, onChange }: Omit<Props, 'notifications'>) {
  const { api, notify } = useServices();
  const [name, setName] = useState(site.name);
  const [error, setError] = useState('');
  const save = async (event: Event) => {
    event.preventDefault();
    const problem = nameProblem(name, 'site');
    setError(problem ?? '');
    if (problem) return;
    try {
      const updated = await api.patch<Site>(`/api/sites/${site.id}`, { name });
      onChange(updated);
      setName(updated.name);
      notify(`Renamed to ${updated.name}`);
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  return (
    <form class="inline-form" onSubmit={save} aria-label="Rename the site">
      <label for="site-rename">Site name</label>
      <input
        id="site-rename"
        maxLength={100}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'site-rename-error' : undefined}
      />
      <button type="submit" class="button">
        Rename
      </button>
      {error && (
        <p id="site-rename-error" class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function OriginsEditor({ site, onChange }: Omit<Props, 'notifications'>) {
  const { api, notify } = useServices();
  const [text, setText] = useState('');
  const [error, setError] = useState('');

  const save = async (allowedOrigins: string[], message: string) => {
    try {
      onChange(await api.patch<Site>(`/api/sites/${site.id}`, { allowedOrigins }));
      notify(message);
      return true;
    } catch (caught) {
      setError(errorText(caught));
      return false;
    }
  };
  const add = async (event: Event) => {
    event.preventDefault();
    const read = readOrigin(text);
    if ('problem' in read) {
      setError(read.problem);
      return;
    }
    if (site.allowedOrigins.includes(read.origin)) {
      setError(`${read.origin} is already allowed.`);
      return;
    }
    setError('');
    if (await save([...site.allowedOrigins, read.origin], `Allowed ${read.origin}`)) setText('');
  };
  const remove = (origin: string) => {
    const rest = site.allowedOrigins.filter((o) => o !== origin);
    save(rest, rest.length === 0 ? `Removed ${origin}: any origin may now embed the widget` : `Removed ${origin}`);
  };

  return (
    <div class="origins">
      <h3 id="origins-heading">Allowed origins</h3>
      <p class="hint">
        {site.allowedOrigins.length === 0
          ? 'None: any website may embed the widget. Add your site to allow it alone.'
          : 'The widget runs only on these origins; elsewhere it stays silent.'}
      </p>
      {site.allowedOrigins.length > 0 && (
        <ul class="origin-list" aria-labelledby="origins-heading">
          {site.allowedOrigins.map((origin) => (
            <li key={origin}>
              <code class="break">{origin}</code>
              <button type="button" class="button small" onClick={() => remove(origin)} aria-label={`Remove ${origin}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" onSubmit={add} noValidate aria-label="Add an allowed origin">
        <label for="origin-add">Add an origin</label>
        <input
          id="origin-add"
          type="url"
          placeholder="https://shop.example.com"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'origin-add-error' : undefined}
        />
        <button type="submit" class="button">
          Add
        </button>
        {error && (
          <p id="origin-add-error" class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}

export function SiteSettings({ site, notifications, onChange }: Props) {
  const { api, notify } = useServices();
  const [dialog, confirm] = useConfirm();
  const hooked = notifications.filter((n) => n.kind !== 'visitors');

  const remove = async () => {
    const ok = await confirm({
      title: `Delete ${site.name}?`,
      body: (
        <>
          <p>This stops working at once:</p>
          <ul>
            <li>the embed code: no page shows its popups any more;</li>
            {hooked.length > 0 && (
              <li>
                the webhook URL{hooked.length === 1 ? '' : 's'} of {hooked.map((n) => n.name).join(', ')}: senders get
                410 Gone;
              </li>
            )}
            {notifications.length > 0 && (
              <li>
                {notifications.length === 1 ? 'its notification' : `its ${notifications.length} notifications`}, with
                their settings.
              </li>
            )}
          </ul>
          <p>Stored deliveries and conversions stay until you erase them or they age out.</p>
        </>
      ),
      confirmLabel: 'Delete site',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.delete(`/api/sites/${site.id}`);
      notify(`Deleted ${site.name}`);
      navigate('/admin');
    } catch (caught) {
      notify(errorText(caught), 'error');
    }
  };

  return (
    <section class="card" aria-labelledby="site-settings-heading">
      <h2 id="site-settings-heading">Site settings</h2>
      <RenameForm site={site} onChange={onChange} />
      <OriginsEditor site={site} onChange={onChange} />
      <div class="danger-zone">
        <div class="row">
          <p>Delete this site: its embed code and webhook URLs stop working.</p>
          <button type="button" class="button danger" onClick={remove}>
            Delete site
          </button>
        </div>
      </div>
      {dialog}
    </section>
  );
}
