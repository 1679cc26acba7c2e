// "What Proofhook made of it": which sender profile read the delivery, the detected fields with where
// each was found and a "change" button for the ones an owner may map, and what the last replay changed.
import { useRef, useState } from 'preact/hooks';
import { FieldMapPicker } from '../components/field-map-picker.tsx';
import { detectedFields } from '../delivery-view.ts';
import { MAPPABLE_FIELDS, isMappable } from '../field-map.ts';
import type { Delivery, FieldChange, Notification } from '../types.ts';

function changeText(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function ReplayChanges({ changes }: { changes: FieldChange[] }) {
  return (
    <section class="replay-changes" aria-labelledby="replay-changes-heading">
      <h4 id="replay-changes-heading">What the replay changed</h4>
      {changes.length === 0 ? (
        <p class="muted">Nothing: the delivery reads the same as before.</p>
      ) : (
        <ul>
          {changes.map((change) => (
            <li key={change.field}>
              <code>{change.field}</code>: <span class="before">{changeText(change.before)}</span>{' '}
              <span aria-hidden="true">→</span>
              <span class="visually-hidden">became</span> <span class="after">{changeText(change.after)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReadBy({ delivery }: { delivery: Delivery }) {
  const profile = delivery.senderProfile;
  if (!delivery.normalized) return null;
  if (!profile) return <p class="read-by muted">Read by detection: no sender profile recognised this request.</p>;
  return (
    <p class="read-by">
      Read by the {profile.name} profile
      {profile.docs && (
        <>
          {' '}
          (
          <a href={profile.docs} rel="noopener noreferrer" target="_blank">
            the sender's documentation
          </a>
          )
        </>
      )}
    </p>
  );
}

export interface DetectedFieldsProps {
  delivery: Delivery;
  notification: Notification;
  onNotificationChange(notification: Notification): void;
  onReplay(): Promise<void>;
}

export function DetectedFields({ delivery, notification, onNotificationChange, onReplay }: DetectedFieldsProps) {
  const [picking, setPicking] = useState<string | undefined>(undefined);
  const [another, setAnother] = useState('');
  const opener = useRef<HTMLElement | null>(null);
  const fields = detectedFields(delivery);
  const shown = new Set(fields.map((f) => f.name));
  const unmapped = MAPPABLE_FIELDS.filter((name) => !shown.has(name));
  // Looked up by any detected field's name: only mappable ones can be in it.
  const mapped: Readonly<Record<string, string | undefined>> = notification.fieldMap ?? {};
  const canPick = delivery.bodyFields !== undefined;

  const open = (field: string, event: Event) => {
    const target = event.currentTarget as HTMLElement;
    opener.current = target instanceof HTMLFormElement ? target.querySelector('button') : target;
    setPicking(field);
  };
  const close = () => {
    setPicking(undefined);
    opener.current?.focus();
  };

  return (
    <>
      <ReadBy delivery={delivery} />
      {fields.length === 0 ? (
        <p class="muted">Nothing was detected{delivery.reason ? `: ${delivery.reason}` : '.'}</p>
      ) : (
        <div class="table-wrap">
          <table class="fields">
            <caption class="visually-hidden">Detected fields and where each was found</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
                <th scope="col">Found at</th>
                <th scope="col">
                  <span class="visually-hidden">Change</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => (
                <tr key={field.name}>
                  <th scope="row">
                    <code>{field.name}</code>
                  </th>
                  <td class="value">{field.value}</td>
                  <td class="source">
                    {field.source ? (
                      <>
                        <span aria-hidden="true">← </span>
                        <code>{field.source}</code>
                        {mapped[field.name] === field.source && <span class="badge mapped">your mapping</span>}
                      </>
                    ) : (
                      <span class="muted">derived</span>
                    )}
                  </td>
                  <td>
                    {isMappable(field.name) && canPick && (
                      <button
                        type="button"
                        class="button small"
                        aria-label={`Change where ${field.name} is read from`}
                        onClick={(event) => open(field.name, event)}
                      >
                        change
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canPick && unmapped.length > 0 && (
        <form
          class="map-another"
          onSubmit={(event) => {
            event.preventDefault();
            if (another) open(another, event);
          }}
        >
          <label>
            <span>A field that was not found</span>{' '}
            <select value={another} onChange={(e) => setAnother(e.currentTarget.value)}>
              <option value="">Choose a field…</option>
              {unmapped.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="submit" class="button small" disabled={!another}>
            Pick it from the body
          </button>
        </form>
      )}
      {picking && (
        <FieldMapPicker
          field={picking}
          notification={notification}
          bodyFields={delivery.bodyFields ?? []}
          onClose={close}
          onSaved={onNotificationChange}
          onReplay={onReplay}
        />
      )}
    </>
  );
}
