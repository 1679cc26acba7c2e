// The field-map picker: a modal <dialog> listing the body's fields with their values; the one chosen
// becomes the notification's path for a field (PATCH fieldMap), and the delivery can be replayed at once.
// Esc closes it (the native dialog's cancel), focus moves in and returns to the "change" button after.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { useServices } from '../context.ts';
import { MINOR_UNIT_FIELDS, splitEntry } from '../field-map.ts';
import type { BodyField, Notification } from '../types.ts';

const MAX_LISTED = 200;

export interface FieldMapPickerProps {
  field: string;
  notification: Notification;
  bodyFields: BodyField[];
  onClose(): void;
  onSaved(notification: Notification): void;
  /** Replays the delivery the picker was opened from; resolves when done. */
  onReplay(): Promise<void>;
}

export function FieldMapPicker({ field, notification, bodyFields, onClose, onSaved, onReplay }: FieldMapPickerProps) {
  const { api } = useServices();
  const ref = useRef<HTMLDialogElement>(null);
  const map: Readonly<Record<string, string | undefined>> = notification.fieldMap ?? {};
  const current = map[field];
  const initial = splitEntry(current);
  const [path, setPath] = useState(initial.path);
  const [divisor, setDivisor] = useState(initial.divisor);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<string | null | undefined>(undefined);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const listed = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const matching = needle
      ? bodyFields.filter((f) => f.path.toLowerCase().includes(needle) || f.value.toLowerCase().includes(needle))
      : bodyFields;
    return matching.slice(0, MAX_LISTED);
  }, [bodyFields, filter]);

  const save = async (entry: string | null) => {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await api.patch<Notification>(`/api/notifications/${notification.id}`, {
        fieldMap: { [field]: entry },
      });
      onSaved(updated);
      setSaved(entry);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  // Every way out closes the native dialog; its `close` event then calls onClose, once the page is no
  // longer inert, so the focus can go back to the button that opened it.
  const dismiss = () => ref.current?.close();
  const replay = async () => {
    setBusy(true);
    await onReplay();
    dismiss();
  };

  const titleId = 'field-map-title';
  return (
    <dialog ref={ref} class="dialog field-map" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>
        Where is <code>{field}</code> in this body?
      </h2>
      {saved !== undefined ? (
        <div role="status">
          <p>
            {saved === null ? (
              <>
                Saved: <code>{field}</code> is read by detection again.
              </>
            ) : (
              <>
                Saved: <code>{field}</code> ← <code>{saved}</code> for every delivery from now on.
              </>
            )}
          </p>
          <p>Replay this delivery to read it again with the new mapping?</p>
          <div class="actions">
            <button type="button" class="button" onClick={dismiss} disabled={busy}>
              Not now
            </button>
            <button type="button" class="button primary" onClick={replay} disabled={busy}>
              Replay this delivery
            </button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (path) save(divisor ? `${path}/${divisor}` : path);
          }}
        >
          <p class="hint">Pick the field that holds it. Every delivery to this notification is read this way.</p>
          {bodyFields.length > 10 && (
            <label class="field">
              <span>Filter the body fields</span>
              <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
            </label>
          )}
          {bodyFields.length === 0 ? (
            <p class="muted">This body has no fields to pick from (it is empty, text, or could not be read).</p>
          ) : (
            <fieldset class="body-fields">
              <legend>Body fields</legend>
              {listed.map((f) => (
                <label key={f.path} class="body-field">
                  <input
                    type="radio"
                    name="path"
                    value={f.path}
                    checked={f.path === path}
                    onChange={() => setPath(f.path)}
                  />
                  <code>{f.path}</code> <span class="value">{f.value}</span>
                </label>
              ))}
            </fieldset>
          )}
          {MINOR_UNIT_FIELDS.has(field) && (
            <label class="field">
              <span>Units</span>
              <select value={divisor} onChange={(e) => setDivisor(e.currentTarget.value as typeof divisor)}>
                <option value="">As sent (29.90)</option>
                <option value="100">Cents: divide by 100 (2990)</option>
                <option value="1000">Thousandths: divide by 1000</option>
              </select>
            </label>
          )}
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="button" class="button" onClick={dismiss}>
              Cancel
            </button>
            {current !== undefined && (
              <button type="button" class="button" onClick={() => save(null)} disabled={busy}>
                Remove mapping
              </button>
            )}
            <button type="submit" class="button primary" disabled={busy || !path}>
              Save mapping
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
