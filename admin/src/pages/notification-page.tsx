// One notification: a header (webhook URL, status, pause/resume) over five tabs — the inspector,
// conversions, the popup preview, stats and settings.
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { ErrorNote, Loading, StatusBadge } from '../components/bits.tsx';
import { CopyField } from '../components/copy-button.tsx';
import { Breadcrumbs, PageTitle } from '../components/layout.tsx';
import { useServices } from '../context.ts';
import { Link } from '../router.tsx';
import type { Notification, Site } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { ConversionsTab } from './conversions-tab.tsx';
import { InspectorTab } from './inspector-tab.tsx';
import { PreviewTab } from './preview-tab.tsx';
import { SettingsTab } from './settings-tab.tsx';
import { kindLabel } from './site-page.tsx';
import { StatsTab } from './stats-tab.tsx';

export const TABS = [
  ['inspector', 'Inspector'],
  ['conversions', 'Conversions'],
  ['preview', 'Preview'],
  ['stats', 'Stats'],
  ['settings', 'Settings'],
] as const;
export type Tab = (typeof TABS)[number][0];

function PauseButton({ notification, onChange }: { notification: Notification; onChange(n: Notification): void }) {
  const { api, notify } = useServices();
  const [busy, setBusy] = useState(false);
  const paused = notification.status === 'paused';
  const toggle = async () => {
    setBusy(true);
    try {
      const updated = await api.patch<Notification>(`/api/notifications/${notification.id}`, {
        status: paused ? 'active' : 'paused',
      });
      onChange(updated);
      notify(
        updated.status === 'paused'
          ? 'Paused: popups stop and new webhooks are logged but ignored'
          : 'Resumed: popups show again',
      );
    } catch (error) {
      notify(errorText(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class="button" onClick={toggle} disabled={busy}>
      {paused ? 'Resume' : 'Pause'}
    </button>
  );
}

export function NotificationPage({ id, tab, deliveryId }: { id: number; tab: Tab; deliveryId?: number }) {
  const resource = useResource<Notification>(`/api/notifications/${id}`);
  const notification = resource.data;
  const site = useResource<Site>(notification ? `/api/sites/${notification.siteId}` : null);
  const label = TABS.find(([key]) => key === tab)?.[1] ?? '';

  if (resource.error) return <ErrorNote error={resource.error} />;
  if (!notification) return <Loading />;

  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/admin', label: 'Sites' },
          { href: `/admin/sites/${notification.siteId}`, label: site.data?.name ?? 'Site' },
        ]}
      />
      <div class="page-head">
        <PageTitle title={`${notification.name} · ${label}`}>{notification.name}</PageTitle>
        <div class="head-meta">
          <span class="badge">{kindLabel(notification.kind)}</span> <StatusBadge status={notification.status} />
          <PauseButton notification={notification} onChange={(n) => resource.setData(n)} />
        </div>
      </div>
      <div class="webhook">
        <span class="label" id="webhook-label">
          Webhook URL
        </span>
        <CopyField text={notification.ingestUrl} what="webhook URL" />
      </div>
      <nav class="tabs" aria-label="Notification">
        {TABS.map(([key, text]) => (
          <Link key={key} href={`/admin/notifications/${id}/${key}`} aria-current={key === tab ? 'page' : undefined}>
            {text}
          </Link>
        ))}
      </nav>
      <section class="tab-panel" aria-label={label}>
        {tab === 'inspector' && (
          <InspectorTab
            notification={notification}
            deliveryId={deliveryId}
            onNotificationChange={(n) => resource.setData(n)}
          />
        )}
        {tab === 'conversions' && <ConversionsTab notification={notification} />}
        {tab === 'preview' && <PreviewTab notification={notification} />}
        {tab === 'stats' && <StatsTab notification={notification} />}
        {tab === 'settings' && <SettingsTab notification={notification} onChange={(n) => resource.setData(n)} />}
      </section>
    </>
  );
}
