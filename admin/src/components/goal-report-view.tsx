// The goals report: visitors per group, each goal's conversion rate and value per group with the
// uplift sentence, and per notification impressions → clicks → goals after a click.
import { count, percent } from '../format.ts';
import type { GoalReport, ReportGroup } from '../../../shared/goals.ts';

/** The report's groups in the order the page lists them, with the owner's words for them. */
const GROUP_LABELS: Array<[ReportGroup, string]> = [
  ['exposed', 'Saw a popup'],
  ['clicked', 'Clicked a popup'],
  ['unexposed', 'Saw none yet'],
  ['control', 'Control (never shown)'],
];

const value = (n: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(n);

function GoalTable({ goal }: { goal: GoalReport['goals'][number] }) {
  return (
    <section aria-labelledby={`goal-${goal.goal}`}>
      <h3 id={`goal-${goal.goal}`}>{goal.goal}</h3>
      <p class={`uplift ${goal.uplift.verdict}`}>{goal.uplift.summary}</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Goal {goal.goal} per group</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" class="number">
                Visitors
              </th>
              <th scope="col" class="number">
                Converted
              </th>
              <th scope="col" class="number">
                Conversion rate
              </th>
              <th scope="col" class="number">
                Completions
              </th>
              <th scope="col" class="number">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            {GROUP_LABELS.map(([key, label]) => {
              const numbers = goal.groups[key];
              return (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  <td class="number">{count(numbers.visitors)}</td>
                  <td class="number">{count(numbers.converters)}</td>
                  <td class="number">{percent(numbers.conversionRate)}</td>
                  <td class="number">{count(numbers.completions)}</td>
                  <td class="number">{value(numbers.value)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function NotificationFunnel({ report }: { report: GoalReport }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Impressions, clicks and goals after a click, per notification</caption>
        <thead>
          <tr>
            <th scope="col">Notification</th>
            <th scope="col" class="number">
              Impressions
            </th>
            <th scope="col" class="number">
              Clicks
            </th>
            <th scope="col">Goals after a click</th>
          </tr>
        </thead>
        <tbody>
          {report.notifications.map((n) => (
            <tr key={n.notificationId}>
              <th scope="row" class="clip" title={n.name}>
                {n.name}
              </th>
              <td class="number">{count(n.impressions)}</td>
              <td class="number">{count(n.clicks)}</td>
              <td>
                {n.goals.length === 0
                  ? '—'
                  : n.goals.map((g) => `${g.goal}: ${count(g.completions)} (value ${value(g.value)})`).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function GoalReportView({ report }: { report: GoalReport }) {
  return (
    <div>
      <dl class="numbers" aria-label="Visitors per group">
        {GROUP_LABELS.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{count(report.visitors[key])}</dd>
          </div>
        ))}
      </dl>
      <p class="hint">
        Visitors are browsers counted once a day in each group they were in since {report.sinceDay} (UTC). A visitor who
        clicked is counted among those who saw a popup too.
      </p>
      {report.goals.length === 0 ? (
        <p>No goal reached yet in this period.</p>
      ) : (
        report.goals.map((goal) => <GoalTable key={goal.goal} goal={goal} />)
      )}
      <h3>Per notification</h3>
      <NotificationFunnel report={report} />
    </div>
  );
}
