// The inspector's list: each delivery with who and what it was about and which sender sent it, and
// the filters (outcome, sender, text) that narrow it. Filters run on the server, over every stored
// delivery, newest first; a live delivery joins the filtered list only when it matches what can be seen here.
import { useState } from 'preact/hooks';
import { fullTime } from '../format.ts';
import { Link } from '../router.tsx';
import type { DeliverySummary, Outcome, SenderGuide } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { OutcomeBadge, RelativeTime } from './bits.tsx';

export interface DeliveryFilter {
  outcome: Outcome | '';
  /** A sender profile's id, `none` (read by detection alone), or '' for any. */
  sender: string;
  text: string;
}

export const NO_FILTER: DeliveryFilter = { outcome: '', sender: '', text: '' };
const OUTCOMES: Outcome[] = ['accepted', 'duplicate', 'ignored', 'unparsed', 'rejected', 'unverified', 'test'];

/** Rows that came from no sender at all. */
const METHOD_SENDERS: Record<string, string> = {
  IMPORT: 'CSV import',
  MANUAL: 'Added by hand',
  CAPTURE: 'Form capture',
};

export const isFiltered = (f: DeliveryFilter) => Boolean(f.outcome || f.sender || f.text.trim());

/** The filter as the summaries route takes it. */
export function filterQuery(f: DeliveryFilter): string {
  const params = new URLSearchParams();
  if (f.outcome) params.set('outcome', f.outcome);
  if (f.sender) params.set('sender', f.sender);
  if (f.text.trim()) params.set('q', f.text.trim());
  const query = params.toString();
  return query ? `&${query}` : '';
}

/** What the page can check of a live delivery (the server also searches bodies, which the feed leaves out). */
export function matchesLive(d: DeliverySummary, f: DeliveryFilter): boolean {
  if (f.outcome && d.outcome !== f.outcome) return false;
  if (f.sender && (d.sender?.id ?? 'none') !== f.sender) return false;
  const text = f.text.trim().toLowerCase();
  if (!text) return true;
  return [d.person, d.product, d.sender?.name, d.reason].some((v) => v?.toLowerCase().includes(text));
}

export function DeliveryFilterForm({ value, onChange }: { value: DeliveryFilter; onChange(f: DeliveryFilter): void }) {
  const senders = useResource<{ senders: SenderGuide[] }>('/api/senders');
  const [draft, setDraft] = useState(value);
  const apply = (event: Event) => {
    event.preventDefault();
    onChange(draft);
  };
  return (
    <search>
      <form class="inline-form filters" onSubmit={apply} aria-label="Filter deliveries">
        <label for="filter-outcome">Outcome</label>
        <select
          id="filter-outcome"
          value={draft.outcome}
          onChange={(e) => setDraft({ ...draft, outcome: e.currentTarget.value as Outcome | '' })}
        >
          <option value="">Any</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        <label for="filter-sender">Sender</label>
        <select
          id="filter-sender"
          value={draft.sender}
          onChange={(e) => setDraft({ ...draft, sender: e.currentTarget.value })}
        >
          <option value="">Any</option>
          <option value="none">Not recognised (read by detection)</option>
          {(senders.data?.senders ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <label for="filter-text">Text</label>
        <input
          id="filter-text"
          type="search"
          placeholder="name, email, product, order id…"
          value={draft.text}
          onInput={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
        />
        <button type="submit" class="button">
          Filter
        </button>
        {isFiltered(value) && (
          <button
            type="button"
            class="button"
            onClick={() => {
              setDraft(NO_FILTER);
              onChange(NO_FILTER);
            }}
          >
            Clear filters
          </button>
        )}
      </form>
    </search>
  );
}

export function DeliveryList({
  items,
  notificationId,
  selected,
}: {
  items: DeliverySummary[];
  notificationId: number;
  selected?: number;
}) {
  return (
    <div class="table-wrap">
      <table class="deliveries">
        <caption class="visually-hidden">Deliveries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Who and what</th>
            <th scope="col">Sender</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => {
            const what = [d.person, d.product].filter(Boolean).join(' · ');
            return (
              <tr key={d.id} class={d.id === selected ? 'selected' : undefined}>
                <th scope="row">
                  <Link
                    href={`/admin/notifications/${notificationId}/inspector/${d.id}`}
                    aria-current={d.id === selected ? 'true' : undefined}
                    aria-label={`Delivery ${d.id}, ${fullTime(d.receivedAt)}, ${d.outcome}`}
                  >
                    <RelativeTime ms={d.receivedAt} />
                  </Link>
                  {d.replayOf !== null && <span class="muted"> (replay)</span>}
                </th>
                <td>
                  {what ? (
                    <span class="clip" title={what}>
                      {what}
                    </span>
                  ) : (
                    <span class="muted">Nobody found</span>
                  )}
                </td>
                <td>
                  {d.sender ? d.sender.name : <span class="muted">{METHOD_SENDERS[d.method] ?? 'Not recognised'}</span>}
                </td>
                <td>
                  <span class="nowrap">
                    {d.status} <OutcomeBadge outcome={d.outcome} />
                  </span>
                </td>
                <td class="reason">{d.reason ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
