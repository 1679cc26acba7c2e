// A site's goal settings: URL goals (name, path with * wildcards, optional value), the attribution
// window and the control group's share. The server checks everything and answers in sentences.
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { useServices } from '../context.ts';
import type { GoalSettings, UrlGoal } from '../../../shared/goals.ts';

interface Props {
  siteId: number;
  settings: GoalSettings;
  onSaved(settings: GoalSettings): void;
}

/** A typed row: the value stays text until saved, so an empty field means "no value". */
interface Row {
  name: string;
  path: string;
  value: string;
}

const toRow = (goal: UrlGoal): Row => ({ name: goal.name, path: goal.path, value: goal.value?.toString() ?? '' });

export function GoalSettingsForm({ siteId, settings, onSaved }: Props) {
  const { api, notify } = useServices();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [rows, setRows] = useState<Row[]>(settings.urlGoals.map(toRow));
  const [windowDays, setWindowDays] = useState(String(settings.attributionWindowDays));
  const [controlPercent, setControlPercent] = useState(String(settings.controlPercent));
  const [error, setError] = useState('');

  const change = (index: number, patch: Partial<Row>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const save = async (event: Event) => {
    event.preventDefault();
    const body = {
      enabled,
      urlGoals: rows.map((row) => ({
        name: row.name.trim(),
        path: row.path.trim(),
        ...(row.value.trim() === '' ? {} : { value: Number(row.value) }),
      })),
      attributionWindowDays: Number(windowDays),
      controlPercent: Number(controlPercent),
    };
    try {
      const saved = await api.put<GoalSettings>(`/api/sites/${siteId}/goals/settings`, body);
      setError('');
      onSaved(saved);
      notify('Goal settings saved');
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  return (
    <form onSubmit={save} noValidate aria-label="Goal settings" class="stack">
      <label>
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /> Count goals on
        this site
      </label>
      <p class="hint">
        Off, the widget keeps nothing in visitors' browsers for goals and sends none. On, it keeps one local storage
        entry per browser (no cookie, no identifier): see docs/goals.md.
      </p>
      <fieldset>
        <legend>URL goals</legend>
        <p class="hint">A visit to a matching page counts the goal, e.g. /thank-you* for every thank-you page.</p>
        {rows.map((row, index) => (
          <div class="inline-form" key={index}>
            <label>
              Goal name
              <input value={row.name} maxLength={64} onInput={(e) => change(index, { name: e.currentTarget.value })} />
            </label>
            <label>
              Path
              <input value={row.path} maxLength={200} onInput={(e) => change(index, { path: e.currentTarget.value })} />
            </label>
            <label>
              Value (optional)
              <input
                value={row.value}
                inputMode="decimal"
                onInput={(e) => change(index, { value: e.currentTarget.value })}
              />
            </label>
            <button type="button" class="button small" onClick={() => setRows(rows.filter((_, i) => i !== index))}>
              Remove {row.name || 'goal'}
            </button>
          </div>
        ))}
        <button
          type="button"
          class="button small"
          onClick={() => setRows([...rows, { name: '', path: '', value: '' }])}
        >
          Add a URL goal
        </button>
      </fieldset>
      <label>
        Attribution window (days)
        <input
          type="number"
          min={1}
          max={90}
          value={windowDays}
          onInput={(e) => setWindowDays(e.currentTarget.value)}
        />
      </label>
      <p class="hint">A popup seen or clicked this many days before a goal still counts for it.</p>
      <label>
        Control group (% of browsers that never see a popup)
        <input
          type="number"
          min={0}
          max={50}
          value={controlPercent}
          onInput={(e) => setControlPercent(e.currentTarget.value)}
        />
      </label>
      <p class="hint">
        0 turns the control group off. With a control group, the report can tell whether the popups change how often
        visitors reach a goal.
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="button">
        Save goal settings
      </button>
    </form>
  );
}
