// One site: its self-checking set-up list, its notifications (each with webhook URL, last delivery and
// conversions of the last 24 hours), the form that creates one, its embed code and its settings.
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { EmptyState, ErrorNote, Loading, OutcomeBadge, RelativeTime, StatusBadge } from '../components/bits.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { Breadcrumbs, PageTitle } from '../components/layout.tsx';
import { useServices } from '../context.ts';
import { count } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import type { Notification, NotificationKind, NotificationOverview, Site } from '../types.ts';
import { nameProblem } from '../input-checks.ts';
import { useResource } from '../use-resource.ts';
import { SiteDesignCard } from '../components/design-card.tsx';
import { OnboardingChecklistCard } from '../components/onboarding-checklist.tsx';
import { SiteSettings } from '../components/site-settings.tsx';
import { CaptureRulesCard } from '../components/capture-rules.tsx';
import { SiteCard } from './sites-page.tsx';

export const KINDS: Array<{ kind: NotificationKind; label: string; help: string }> = [
  {
    kind: 'stream',
    label: 'Stream',
    help: 'Shows each purchase or sign-up: "Maria G. from Austin, US purchased Sneakers".',
  },
  {
    kind: 'conversion',
    label: 'Conversion counter',
    help: 'Counts webhooks: "127 people signed up in the last 24 hours".',
  },
  {
    kind: 'visitors',
    label: 'Live visitors',
    help: 'Shows how many people have the site open now. Its webhook URL accepts nothing.',
  },
];

export const kindLabel = (kind: NotificationKind) => KINDS.find((k) => k.kind === kind)?.label ?? kind;

function CreateNotificationForm({ siteId }: { siteId: number }) {
  const { api } = useServices();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<NotificationKind>('stream');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const problem = nameProblem(name, 'notification');
    setError(problem ?? '');
    if (problem) return;
    setBusy(true);
    try {
      const created = await api.post<Notification>(`/api/sites/${siteId}/notifications`, { name, kind });
      navigate(`/admin/notifications/${created.id}`);
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  };

  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="create-notification">
      <h2 id="create-notification">Create a notification</h2>
      <label for="notification-name">Name</label>
      <input
        id="notification-name"
        maxLength={100}
        placeholder="Recent purchases"
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <fieldset>
        <legend>Kind</legend>
        {KINDS.map((k) => (
          <label key={k.kind} class="choice">
            <input type="radio" name="kind" value={k.kind} checked={kind === k.kind} onChange={() => setKind(k.kind)} />
            <span>
              <strong>{k.label}</strong>
              <span class="hint">{k.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>
          Create notification
        </button>
      </div>
    </form>
  );
}

function NotificationsTable({
  notifications,
  overview,
}: {
  notifications: Notification[];
  overview: NotificationOverview[];
}) {
  const byId = new Map(overview.map((o) => [o.id, o]));
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Notifications</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Webhook URL</th>
            <th scope="col">Last delivery</th>
            <th scope="col" class="number">
              Conversions, 24 h
            </th>
          </tr>
        </thead>
        <tbody>
          {notifications.map((n) => {
            const o = byId.get(n.id);
            return (
              <tr key={n.id}>
                <th scope="row">
                  <Link class="clip" href={`/admin/notifications/${n.id}`} title={n.name}>
                    {n.name}
                  </Link>
                </th>
                <td>{kindLabel(n.kind)}</td>
                <td>
                  <StatusBadge status={n.status} />
                </td>
                <td>
                  {n.kind === 'visitors' ? (
                    <span class="muted">None: it counts open pages</span>
                  ) : (
                    <div class="url-cell">
                      <code class="truncate" title={n.ingestUrl}>
                        {n.ingestUrl}
                      </code>
                      <CopyButton text={n.ingestUrl} what={`webhook URL of ${n.name}`} />
                    </div>
                  )}
                </td>
                <td>
                  {o?.lastDelivery ? (
                    <span class="nowrap">
                      <RelativeTime ms={o.lastDelivery.receivedAt} /> <OutcomeBadge outcome={o.lastDelivery.outcome} />
                    </span>
                  ) : (
                    <span class="muted">None yet</span>
                  )}
                </td>
                <td class="number">{o ? count(o.conversions24h) : '…'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function SitePage({ siteId }: { siteId: number }) {
  const site = useResource<Site>(`/api/sites/${siteId}`);
  const notifications = useResource<{ notifications: Notification[] }>(`/api/sites/${siteId}/notifications`);
  const overview = useResource<{ notifications: NotificationOverview[] }>(`/api/sites/${siteId}/overview`);
  const list = notifications.data?.notifications ?? [];
  const name = site.data?.name ?? 'Site';
  const setSite = (updated: Site) => site.setData(updated);

  return (
    <>
      <Breadcrumbs items={[{ href: '/admin', label: 'Sites' }]} />
      <PageTitle title={name}>{name}</PageTitle>
      <p>
        <Link href={`/admin/sites/${siteId}/goals`}>Goals: does the popup pay?</Link>
      </p>
      <ErrorNote error={site.error ?? notifications.error} />
      {site.data && <OnboardingChecklistCard site={site.data} onSiteChange={setSite} onProgress={overview.reload} />}
      <h2>Notifications</h2>
      {notifications.loading && !notifications.data && <Loading />}
      {notifications.data && list.length === 0 && (
        <EmptyState title="No notifications yet">
          <p>
            A notification is one webhook URL and one kind of popup. Create one below, then point your store or form
            tool at its webhook URL.
          </p>
        </EmptyState>
      )}
      {list.length > 0 && <NotificationsTable notifications={list} overview={overview.data?.notifications ?? []} />}
      <CreateNotificationForm siteId={siteId} />
      {site.data && <SiteCard site={site.data} heading={false} />}
      {site.data && <SiteDesignCard siteId={site.data.id} />}
      {notifications.data && <CaptureRulesCard siteId={siteId} notifications={list} />}
      {site.data && <SiteSettings site={site.data} notifications={list} onChange={setSite} />}
    </>
  );
}
