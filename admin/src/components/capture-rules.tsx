// The site's "Form capture" card: its capture rules (which form on which pages feeds which
// notification), each added and deleted here, and what the site owner should tell people on the
// form. The server checks every rule and answers in sentences shown as they are (docs/form-capture.md).
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { useServices } from '../context.ts';
import type { CaptureRule, CaptureRuleList, Notification } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { ErrorNote, Loading } from './bits.tsx';

export const CONSENT_SENTENCE =
  'By signing up you agree that your first name, the initial of your last name and your city may be shown to other visitors of this site in a short notice such as "Maria G. from Austin signed up"; your email address is never shown.';

export function CaptureRulesCard({ siteId, notifications }: { siteId: number; notifications: Notification[] }) {
  const { api, notify } = useServices();
  const url = `/api/sites/${siteId}/capture-rules`;
  const rules = useResource<CaptureRuleList>(url);
  const targets = notifications.filter((n) => n.kind !== 'visitors');
  const [path, setPath] = useState('/signup*');
  const [selector, setSelector] = useState('');
  const [target, setTarget] = useState('');
  const [error, setError] = useState('');
  const list = rules.data?.rules ?? [];
  const nameOf = (id: number) => notifications.find((n) => n.id === id)?.name ?? `Notification ${id} (deleted)`;

  const add = async (event: Event) => {
    event.preventDefault();
    const notificationId = Number(target || targets[0]?.id);
    try {
      await api.post(url, { path, selector, notificationId });
      setError('');
      setSelector('');
      notify(`Forms matching ${selector} on ${path} are now captured`);
      rules.reload();
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  const remove = async (rule: CaptureRule) => {
    try {
      await api.delete(`${url}/${rule.id}`);
      notify(`Stopped capturing ${rule.selector} on ${rule.path}`);
      rules.reload();
    } catch (caught) {
      notify(errorText(caught), 'error');
    }
  };

  return (
    <section class="card" aria-labelledby="capture-heading">
      <h2 id="capture-heading">Form capture</h2>
      <p class="hint">
        Your own sign-up forms as conversions, without a webhook: when a visitor sends a form that matches a rule, the
        widget takes its email, first and last name, full name and city (never a password, a hidden field or a card
        number) and stores them in the chosen notification, shown in its inspector as captured.
      </p>
      <p class="hint">
        Tell people on the form, for example: <q>{CONSENT_SENTENCE}</q> Add a rule only where the form says so.
      </p>
      <ErrorNote error={rules.error} />
      {rules.loading && !rules.data && <Loading />}
      {list.length > 0 && (
        <ul class="origin-list" aria-label="Capture rules">
          {list.map((rule) => (
            <li key={rule.id}>
              <span class="break">
                <code>{rule.selector}</code> on <code>{rule.path}</code> → {nameOf(rule.notificationId)}
              </span>
              <button
                type="button"
                class="button small"
                onClick={() => remove(rule)}
                aria-label={`Delete the rule ${rule.selector} on ${rule.path}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {rules.data && list.length === 0 && <p class="muted">No rules: no form is captured.</p>}
      {targets.length === 0 ? (
        <p class="muted">Create a stream or conversion counter first: captured forms are stored in one.</p>
      ) : (
        <form class="form" onSubmit={add} noValidate aria-label="Add a capture rule">
          <label for="capture-path">Pages (path, * matches anything)</label>
          <input id="capture-path" value={path} maxLength={300} onInput={(e) => setPath(e.currentTarget.value)} />
          <label for="capture-selector">Form (CSS selector)</label>
          <input
            id="capture-selector"
            placeholder="form#signup"
            value={selector}
            maxLength={300}
            onInput={(e) => setSelector(e.currentTarget.value)}
          />
          <label for="capture-target">Store in</label>
          <select
            id="capture-target"
            value={target || String(targets[0]?.id)}
            onChange={(e) => setTarget(e.currentTarget.value)}
          >
            {targets.map((n) => (
              <option key={n.id} value={String(n.id)}>
                {n.name}
              </option>
            ))}
          </select>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="button">
              Add rule
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
