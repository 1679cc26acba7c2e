// Edit a notification: name, message template with a live preview, what visitors see of a person,
// display rules; rotate its webhook token; delete it (its URL then answers 410 Gone).
import { useMemo, useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { useConfirm } from '../components/confirm-dialog.tsx';
import { type NotificationLook, NotificationLookFields } from '../components/design-notification.tsx';
import { useServices } from '../context.ts';
import { navigate } from '../router.tsx';
import { nameProblem } from '../input-checks.ts';
import { TEMPLATE_VARIABLES, previewTemplate } from '../template-preview.ts';
import type { DisplayRules, Notification } from '../types.ts';
import { NUMBER_RULES } from './number-rules.ts';
import { kindLabel } from './site-page.tsx';

const PRIVACY_LEVELS: Array<{ value: DisplayRules['privacy']; label: string }> = [
  { value: 'first-initial', label: 'First name and initial ("Maria G.")' },
  { value: 'first', label: 'First name only ("Maria")' },
  { value: 'anonymous', label: 'Anonymous ("Someone")' },
];

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/** Only the rules that changed, so untouched ones keep following the defaults. */
function displayPatch(before: DisplayRules, after: DisplayRules): Partial<DisplayRules> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof DisplayRules>) {
    const a = before[key];
    const b = after[key];
    const changed = Array.isArray(a) && Array.isArray(b) ? !sameList(a, b) : a !== b;
    if (changed) patch[key] = b;
  }
  return patch as Partial<DisplayRules>;
}

function TemplatePreviewBox({
  notification,
  template,
  display,
}: {
  notification: Notification;
  template: string;
  display: DisplayRules;
}) {
  const preview = previewTemplate(notification.kind, template, display);
  if (preview.problem) {
    return (
      <p id="template-problem" class="error" role="alert">
        {preview.problem}
      </p>
    );
  }
  return (
    <div class="popup-mock" aria-live="polite">
      <span class="visually-hidden">Preview: </span>
      {preview.title && <strong>{preview.title}</strong>}
      <span>{preview.message || '(nothing: no alternative has all its variables)'}</span>
      <span class="muted">{notification.kind === 'stream' ? '3 minutes ago' : ''}</span>
    </div>
  );
}

export function SettingsTab({
  notification,
  onChange,
}: {
  notification: Notification;
  onChange(n: Notification): void;
}) {
  const { api, notify } = useServices();
  const [dialog, confirm] = useConfirm();
  const [name, setName] = useState(notification.name);
  const [template, setTemplate] = useState(notification.messageTemplate);
  const [display, setDisplay] = useState<DisplayRules & NotificationLook>(notification.display);
  const [includeText, setIncludeText] = useState(notification.display.include.join('\n'));
  const [excludeText, setExcludeText] = useState(notification.display.exclude.join('\n'));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const templateProblem = useMemo(
    () => previewTemplate(notification.kind, template, display).problem,
    [notification.kind, template, display.counterWindowMs],
  );

  const set = <K extends keyof (DisplayRules & NotificationLook)>(
    key: K,
    value: (DisplayRules & NotificationLook)[K],
  ) => setDisplay((d) => ({ ...d, [key]: value }));

  const save = async (event: Event) => {
    event.preventDefault();
    const problem = nameProblem(name, 'notification');
    setError(problem ?? '');
    if (problem) return;
    const next = { ...display, include: lines(includeText), exclude: lines(excludeText) };
    const patch: Record<string, unknown> = {};
    if (name.trim() !== notification.name) patch.name = name;
    if (template !== notification.messageTemplate) patch.messageTemplate = template;
    const rules = displayPatch(notification.display, next);
    if (Object.keys(rules).length > 0) patch.display = rules;
    if (Object.keys(patch).length === 0) {
      notify('Nothing to save: no changes');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const updated = await api.patch<Notification>(`/api/notifications/${notification.id}`, patch);
      onChange(updated);
      notify('Saved');
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const rotate = async () => {
    const ok = await confirm({
      title: 'Rotate the webhook URL?',
      body: (
        <p>
          A new secret URL is made and the current one stops working at once (it answers 404). Update every tool that
          sends to it.
        </p>
      ),
      confirmLabel: 'Rotate URL',
      danger: true,
    });
    if (!ok) return;
    try {
      onChange(await api.patch<Notification>(`/api/notifications/${notification.id}`, { rotateToken: true }));
      notify('The webhook URL was rotated: the old one no longer works');
    } catch (caught) {
      notify(errorText(caught), 'error');
    }
  };

  const remove = async () => {
    const ok = await confirm({
      title: `Delete ${notification.name}?`,
      body: (
        <p>
          Its popups stop and its webhook URL answers 410 Gone, so senders know to stop. Its deliveries and conversions
          stay until you erase them.
        </p>
      ),
      confirmLabel: 'Delete notification',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.delete(`/api/notifications/${notification.id}`);
      notify(`Deleted ${notification.name}`);
      navigate(`/admin/sites/${notification.siteId}`);
    } catch (caught) {
      notify(errorText(caught), 'error');
    }
  };

  return (
    <div>
      <form class="card form" onSubmit={save} noValidate aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <label for="edit-name">Name</label>
        <input id="edit-name" maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <p class="field-static">
          <span class="label">Kind</span> {kindLabel(notification.kind)}{' '}
          <span class="hint">(fixed: create another notification for another kind)</span>
        </p>
        <label for="edit-template">Message template</label>
        <input
          id="edit-template"
          maxLength={300}
          value={template}
          onInput={(e) => setTemplate(e.currentTarget.value)}
          aria-invalid={templateProblem ? 'true' : undefined}
          aria-describedby="template-help"
        />
        <p id="template-help" class="hint">
          Variables: {TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(' ')}. Separate alternatives with <code>||</code>:
          the first whose variables are all known is used.
        </p>
        <TemplatePreviewBox notification={notification} template={template} display={display} />

        {notification.kind === 'stream' && (
          <fieldset>
            <legend>What visitors see of a person</legend>
            <p id="privacy-help" class="hint">
              Applied on the server: the email, the full last name and anything you hide here never reach a visitor's
              browser.
            </p>
            <label for="rule-privacy">Name</label>
            <select
              id="rule-privacy"
              value={display.privacy}
              aria-describedby="privacy-help"
              onChange={(e) => set('privacy', e.currentTarget.value as DisplayRules['privacy'])}
            >
              {PRIVACY_LEVELS.map((level) => (
                <option key={level.value} value={level.value}>
                  {level.label}
                </option>
              ))}
            </select>
            <label class="choice">
              <input
                id="rule-showCity"
                type="checkbox"
                checked={display.showCity}
                onChange={(e) => set('showCity', e.currentTarget.checked)}
              />
              <span>Show the city (and state)</span>
            </label>
            <label class="choice">
              <input
                id="rule-showCountry"
                type="checkbox"
                checked={display.showCountry}
                onChange={(e) => set('showCountry', e.currentTarget.checked)}
              />
              <span>Show the country</span>
            </label>
          </fieldset>
        )}

        <NotificationLookFields kind={notification.kind} siteId={notification.siteId} value={display} set={set} />

        <fieldset>
          <legend>Display rules</legend>
          <div class="grid-fields">
            <div>
              <label for="rule-position">Position</label>
              <select
                id="rule-position"
                value={display.position}
                onChange={(e) => set('position', e.currentTarget.value as DisplayRules['position'])}
              >
                <option value="bottom-left">Bottom left</option>
                <option value="bottom-right">Bottom right</option>
                <option value="top-left">Top left</option>
                <option value="top-right">Top right</option>
              </select>
            </div>
            <div>
              <label for="rule-mobile">On phones</label>
              <select
                id="rule-mobile"
                value={display.mobile}
                onChange={(e) => set('mobile', e.currentTarget.value as DisplayRules['mobile'])}
              >
                <option value="bottom">Strip at the bottom</option>
                <option value="top">Strip at the top</option>
                <option value="hidden">Hidden</option>
              </select>
            </div>
            {notification.kind === 'stream' && (
              <div>
                <label for="rule-order">Order</label>
                <select
                  id="rule-order"
                  value={display.order}
                  onChange={(e) => set('order', e.currentTarget.value as DisplayRules['order'])}
                >
                  <option value="newest">Newest first</option>
                  <option value="random">Random</option>
                </select>
              </div>
            )}
            {NUMBER_RULES.filter((rule) => rule.kinds.includes(notification.kind)).map((rule) => (
              <div key={rule.key}>
                <label for={`rule-${rule.key}`}>
                  {rule.label} <span class="muted">({rule.unitLabel})</span>
                </label>
                <input
                  id={`rule-${rule.key}`}
                  type="number"
                  min={0}
                  step={rule.unit === 1 ? 1 : 'any'}
                  value={display[rule.key] / rule.unit}
                  onInput={(e) => set(rule.key, Math.round(Number(e.currentTarget.value) * rule.unit))}
                />
              </div>
            ))}
          </div>
          <label class="choice">
            <input type="checkbox" checked={display.loop} onChange={(e) => set('loop', e.currentTarget.checked)} />
            <span>Show history again once all has been shown</span>
          </label>
          <label for="rule-include">Only on pages matching (one pattern per line, * is a wildcard)</label>
          <textarea
            id="rule-include"
            rows={2}
            value={includeText}
            onInput={(e) => setIncludeText(e.currentTarget.value)}
          />
          <label for="rule-exclude">Never on pages matching</label>
          <textarea
            id="rule-exclude"
            rows={2}
            value={excludeText}
            onInput={(e) => setExcludeText(e.currentTarget.value)}
          />
        </fieldset>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy || Boolean(templateProblem)}>
            Save changes
          </button>
        </div>
      </form>

      <section class="card danger-zone" aria-labelledby="danger-heading">
        <h2 id="danger-heading">{notification.kind === 'visitors' ? 'Deletion' : 'Webhook URL and deletion'}</h2>
        {notification.kind !== 'visitors' && (
          <div class="row">
            <p>Rotate when the URL has leaked: the current URL stops working at once.</p>
            <button type="button" class="button danger" onClick={rotate}>
              Rotate webhook URL
            </button>
          </div>
        )}
        <div class="row">
          <p>Delete this notification: popups stop and its URL answers 410 Gone.</p>
          <button type="button" class="button danger" onClick={remove}>
            Delete notification
          </button>
        </div>
      </section>
      {dialog}
    </div>
  );
}
