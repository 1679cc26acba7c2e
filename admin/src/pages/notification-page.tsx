// One notification: a header (webhook URL, status, pause/resume) over the tabs its kind needs — the
// inspector, conversions, the popup preview, stats and settings.
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { ErrorNote, Loading, StatusBadge } from '../components/bits.tsx';
import { CopyField } from '../components/copy-button.tsx';
import { Breadcrumbs, PageTitle } from '../components/layout.tsx';
import { useServices } from '../context.ts';
import { Link } from '../router.tsx';
import type { Notification, NotificationKind, Site } from '../types.ts';
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

/**
 * The tabs that apply to a kind: a live-visitors notification takes no webhooks, so it has no
 * inspector nor conversions. The first one is where the notification opens.
 */
export function tabsFor(kind: NotificationKind): ReadonlyArray<(typeof TABS)[number]> {
  return kind === 'visitors' ? TABS.filter(([key]) => key !== 'inspector' && key !== 'conversions') : TABS;
}

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

export function NotificationPage({ id, tab: asked, deliveryId }: { id: number; tab?: Tab; deliveryId?: number }) {
  const resource = useResource<Notification>(`/api/notifications/${id}`);
  const notification = resource.data;
  const site = useResource<Site>(notification ? `/api/sites/${notification.siteId}` : null);

  if (resource.error) return <ErrorNote error={resource.error} />;
  if (!notification) return <Loading />;
  const tabs = tabsFor(notification.kind);
  // A tab that does not apply (an old link to a visitors notification's inspector) opens the first.
  const [tab, label] = tabs.find(([key]) => key === asked) ?? (tabs[0] as (typeof TABS)[number]);

  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/admin', label: 'Sites' },
          { href: `/admin/sites/${notification.siteId}`, label: site.data?.name ?? 'Site' },
        ]}
      />
      <div class="page-head">
        <PageTitle title={`${notification.name} · ${label}`}>
          <span class="clip" title={notification.name}>
            {notification.name}
          </span>
        </PageTitle>
        <div class="head-meta">
          <span class="badge">{kindLabel(notification.kind)}</span> <StatusBadge status={notification.status} />
          <PauseButton notification={notification} onChange={(n) => resource.setData(n)} />
        </div>
      </div>
      {notification.kind === 'visitors' ? (
        <p class="muted">Counts the pages of the site open right now: there is nothing to send to it.</p>
      ) : (
        <div class="webhook">
          <span class="label" id="webhook-label">
            Webhook URL
          </span>
          <CopyField text={notification.ingestUrl} what="webhook URL" />
        </div>
      )}
      <nav class="tabs" aria-label="Notification">
        {tabs.map(([key, text]) => (
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
