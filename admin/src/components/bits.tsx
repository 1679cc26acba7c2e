// Small shared pieces: times, badges, empty states, errors, loading.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { useServices } from '../context.ts';
import { fullTime, timeAgo } from '../format.ts';
import type { NotificationStatus } from '../../../shared/notifications.ts';
import type { Outcome } from '../types.ts';

/** "3 minutes ago", kept fresh, with the exact time on hover and for assistive technology. */
export function RelativeTime({ ms }: { ms: number }) {
  const { now } = useServices();
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={new Date(ms).toISOString()} title={fullTime(ms)}>
      {timeAgo(ms, now())}
    </time>
  );
}

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return <span class={`badge outcome-${outcome}`}>{outcome}</span>;
}

const STATUS_LABELS: Record<NotificationStatus, string> = { active: 'Active', paused: 'Paused', deleted: 'Deleted' };

export function StatusBadge({ status }: { status: NotificationStatus }) {
  return <span class={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <p class="error" role="alert">
      {notFound ? 'Not found: it may have been deleted.' : message}
    </p>
  );
}

export function Loading({ what = 'Loading…' }: { what?: string }) {
  return (
    <p class="muted" aria-live="polite">
      {what}
    </p>
  );
}
