// Deliveries, accepted, ignored, impressions, clicks and click-through rate over 24 h / 7 d / 30 d,
// with a small daily chart for each.
import { useState } from 'preact/hooks';
import { BarChart } from '../components/bar-chart.tsx';
import { ErrorNote, Loading } from '../components/bits.tsx';
import { count, percent } from '../format.ts';
import type { DailyStats, DailyStatsReport, Notification, StatsReport, WindowStats } from '../types.ts';
import { useResource } from '../use-resource.ts';

const WINDOWS = [
  ['24h', '24 hours', 2],
  ['7d', '7 days', 7],
  ['30d', '30 days', 30],
] as const;
type WindowKey = (typeof WINDOWS)[number][0];

const METRICS: Array<[keyof DailyStats & keyof WindowStats, string]> = [
  ['deliveries', 'Deliveries'],
  ['accepted', 'Accepted'],
  ['ignored', 'Ignored'],
  ['impressions', 'Impressions'],
  ['clicks', 'Clicks'],
];

/** A live-visitors notification takes no webhooks: only what its widgets report applies. */
const WIDGET_METRICS = new Set(['impressions', 'clicks']);

export function StatsTab({ notification }: { notification: Notification }) {
  const metrics = notification.kind === 'visitors' ? METRICS.filter(([key]) => WIDGET_METRICS.has(key)) : METRICS;
  const [windowKey, setWindowKey] = useState<WindowKey>('7d');
  const stats = useResource<StatsReport>(`/api/notifications/${notification.id}/stats`);
  const daily = useResource<DailyStatsReport>(`/api/notifications/${notification.id}/stats/daily?days=30`);
  const [, label, days] = WINDOWS.find(([key]) => key === windowKey) ?? WINDOWS[1];
  const current = stats.data?.windows[windowKey];
  const recentDays = (daily.data?.days ?? []).slice(-days);

  return (
    <div>
      <fieldset class="segmented">
        <legend class="visually-hidden">Period</legend>
        {WINDOWS.map(([key, text]) => (
          <button
            key={key}
            type="button"
            class="button small"
            aria-pressed={key === windowKey ? 'true' : 'false'}
            onClick={() => setWindowKey(key)}
          >
            {text}
          </button>
        ))}
      </fieldset>
      <ErrorNote error={stats.error ?? daily.error} />
      {!current && !stats.error && <Loading />}
      {current && (
        <dl class="numbers" aria-label={`Last ${label}`}>
          {metrics.map(([key, text]) => (
            <div key={key}>
              <dt>{text}</dt>
              <dd>{count(current[key] as number)}</dd>
            </div>
          ))}
          <div>
            <dt>Click-through rate</dt>
            <dd>{percent(current.clickThroughRate)}</dd>
          </div>
        </dl>
      )}
      {recentDays.length > 0 && (
        <div class="charts">
          {metrics.map(([key, text]) => (
            <BarChart
              key={key}
              label={`${text} per day`}
              days={recentDays.map((d) => ({ day: d.day, value: d[key] }))}
            />
          ))}
        </div>
      )}
      <p class="hint">
        Impressions and clicks are reported by widgets and counted per UTC day, so their windows cover whole days.
      </p>
    </div>
  );
}
