// A site's Goals page: the report (7 or 30 days), how to mark goals on the site, and the goal settings.
import { useState } from 'preact/hooks';
import { ErrorNote, Loading } from '../components/bits.tsx';
import { GoalReportView } from '../components/goal-report-view.tsx';
import { GoalSettingsForm } from '../components/goal-settings-form.tsx';
import { Breadcrumbs, PageTitle } from '../components/layout.tsx';
import type { Site } from '../types.ts';
import { useResource } from '../use-resource.ts';
import type { GoalReport, GoalSettings } from '../../../shared/goals.ts';

const WINDOWS = [
  ['7d', '7 days'],
  ['30d', '30 days'],
] as const;

export function GoalsPage({ siteId }: { siteId: number }) {
  const [windowKey, setWindowKey] = useState<'7d' | '30d'>('7d');
  const site = useResource<Site>(`/api/sites/${siteId}`);
  const settings = useResource<GoalSettings>(`/api/sites/${siteId}/goals/settings`);
  const report = useResource<GoalReport>(`/api/sites/${siteId}/goals/report?window=${windowKey}`);
  const name = site.data?.name ?? 'Site';

  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/admin', label: 'Sites' },
          { href: `/admin/sites/${siteId}`, label: name },
        ]}
      />
      <PageTitle title={`Goals · ${name}`}>Goals</PageTitle>
      <ErrorNote error={site.error ?? settings.error ?? report.error} />
      <h2>Report</h2>
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
      {!report.data && !report.error && <Loading />}
      {report.data && <GoalReportView report={report.data} />}
      <h2>Mark goals on your site</h2>
      <p>
        Call <code>window.proofhook.goal('signup', 49.90)</code> from your page, or add{' '}
        <code>data-proofhook-goal="signup"</code> (and <code>data-proofhook-value="49.90"</code>) to a button or link: a
        click counts the goal. Names are up to 64 lower-case letters, digits, - and _.
      </p>
      <h2>Settings</h2>
      {settings.data && (
        <GoalSettingsForm
          siteId={siteId}
          settings={settings.data}
          onSaved={(saved) => {
            settings.setData(saved);
            report.reload();
          }}
        />
      )}
    </>
  );
}
