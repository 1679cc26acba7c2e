// The inspector: what the sender actually sent and what Proofhook made of it. The latest
// deliveries, newest first and live; one opened shows raw headers and body next to the detected
// fields and where each was found (each one can be re-pointed: a field map). Replay, which re-reads
// the delivery in place, Send test (a test event, seen only in previews) and the preview link live here too.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { EmptyState, ErrorNote, Loading, OutcomeBadge } from '../components/bits.tsx';
import { CopyField } from '../components/copy-button.tsx';
import {
  type DeliveryFilter,
  DeliveryFilterForm,
  DeliveryList,
  NO_FILTER,
  filterQuery,
  isFiltered,
  matchesLive,
} from '../components/delivery-list.tsx';
import { PreviewOnSite } from '../components/preview-link.tsx';
import { SendTest } from '../components/send-test.tsx';
import { useServices } from '../context.ts';
import { prettyBody, prettyQuery } from '../delivery-view.ts';
import { bytes, count, fullTime } from '../format.ts';
import { type LiveState, useLiveDeliveries } from '../live-deliveries.ts';
import { Link } from '../router.tsx';
import type { Delivery, DeliveryPage, DeliverySummary, FieldChange, Notification, ReplayResult } from '../types.ts';
import { useResource } from '../use-resource.ts';
import { DetectedFields, ReplayChanges } from './detected-fields.tsx';

const PAGE_SIZE = 50;

function mergeNewestFirst(current: DeliverySummary[], incoming: DeliverySummary[]): DeliverySummary[] {
  const byId = new Map(current.map((d) => [d.id, d]));
  for (const d of incoming) byId.set(d.id, d);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

const LIVE_TEXT: Record<LiveState, string> = {
  connecting: 'Connecting to live updates…',
  live: 'Live: new deliveries appear here as they arrive',
  offline: 'Live updates stopped: reload the page',
};

function firstCurl(url: string): string {
  return `curl -X POST '${url}' \\
  -H 'Content-Type: application/json' \\
  -d '{"email":"maria.garcia@example.com","firstName":"Maria","lastName":"Garcia","city":"Austin","countryCode":"US","productName":"Sneakers","total":89,"currency":"USD"}'`;
}

interface DetailProps {
  id: number;
  notification: Notification;
  onNotificationChange(notification: Notification): void;
}

function DeliveryDetail({ id, notification, onNotificationChange }: DetailProps) {
  const { api, notify } = useServices();
  const notificationId = notification.id;
  const delivery = useResource<Delivery>(`/api/deliveries/${id}`);
  const heading = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState(false);
  const [changes, setChanges] = useState<FieldChange[] | undefined>(undefined);

  useEffect(() => {
    heading.current?.focus();
  }, [id]);

  const replay = async () => {
    setBusy(true);
    try {
      // Re-derived in place: the same delivery (and conversion) with today's reading.
      const result = await api.post<ReplayResult>(`/api/deliveries/${id}/replay`);
      delivery.setData(result.delivery);
      setChanges(result.changes);
      const changed = result.changes.length;
      notify(`Replayed: ${result.outcome} · ${changed === 0 ? 'nothing changed' : `${changed} changed`}`);
    } catch (error) {
      notify(`Replay failed: ${errorText(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  const d = delivery.data;
  return (
    <section class="detail card" aria-labelledby="delivery-heading">
      <div class="detail-head">
        <h2 id="delivery-heading" ref={heading} tabIndex={-1}>
          Delivery #{id}
        </h2>
        <Link class="button small" href={`/admin/notifications/${notificationId}/inspector`}>
          Close
        </Link>
      </div>
      <ErrorNote error={delivery.error} />
      {!d && !delivery.error && <Loading />}
      {d && (
        <>
          <dl class="facts">
            <dt>Received</dt>
            <dd>{fullTime(d.receivedAt)}</dd>
            <dt>Request</dt>
            <dd>
              {d.method} · {d.contentType ?? 'no Content-Type'} · {bytes(d.bodyBytes)}
              {d.bodyFormat ? ` · read as ${d.bodyFormat}` : ''}
            </dd>
            <dt>Answer</dt>
            <dd>
              {d.status} <OutcomeBadge outcome={d.outcome} />
            </dd>
            {d.reason && (
              <>
                <dt>Reason</dt>
                <dd>{d.reason}</dd>
              </>
            )}
            {d.replayOf !== null && (
              <>
                <dt>Replay of</dt>
                <dd>
                  <Link href={`/admin/notifications/${notificationId}/inspector/${d.replayOf}`}>
                    Delivery #{d.replayOf}
                  </Link>
                </dd>
              </>
            )}
            {d.dedupeKey && (
              <>
                <dt>Dedupe key</dt>
                <dd class="break">{d.dedupeKey}</dd>
              </>
            )}
          </dl>
          <div class="actions">
            <button
              type="button"
              class="button"
              onClick={replay}
              disabled={busy || d.bodyTruncated || d.bodyText === ''}
            >
              Replay
            </button>
            <a class="button" href={`/api/deliveries/${id}/body`} download={`delivery-${id}.bin`}>
              Download original bytes
            </a>
          </div>
          <div class="split">
            <div>
              <h3>What was sent: headers</h3>
              <div class="table-wrap">
                <table class="headers">
                  <caption class="visually-hidden">Request headers</caption>
                  <tbody>
                    {Object.entries(d.headers).map(([name, value]) => (
                      <tr key={name}>
                        <th scope="row">{name}</th>
                        <td class="break">{value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {d.query && (
                <>
                  <h3>Query string</h3>
                  <pre class="code">{prettyQuery(d.query)}</pre>
                </>
              )}
              <h3>Body{d.bodyTruncated ? ' (first part only: over the size limit)' : ''}</h3>
              {d.bodyText === '' ? <p class="muted">(empty)</p> : <pre class="code body">{prettyBody(d)}</pre>}
            </div>
            <div>
              <h3>What Proofhook made of it</h3>
              {changes && <ReplayChanges changes={changes} />}
              <DetectedFields
                delivery={d}
                notification={notification}
                onNotificationChange={onNotificationChange}
                onReplay={replay}
              />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

export interface InspectorTabProps {
  notification: Notification;
  deliveryId?: number;
  /** A field map saved from the inspector changes the notification the page holds. */
  onNotificationChange(notification: Notification): void;
}

export function InspectorTab({ notification, deliveryId, onNotificationChange }: InspectorTabProps) {
  const { api, refreshSession } = useServices();
  const [items, setItems] = useState<DeliverySummary[]>([]);
  const [nextBeforeId, setNextBeforeId] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [filter, setFilter] = useState<DeliveryFilter>(NO_FILTER);
  const filtered = isFiltered(filter);
  const current = useRef(filter);
  current.current = filter;

  const load = useCallback(
    async (beforeId?: number) => {
      try {
        const query = `limit=${PAGE_SIZE}${beforeId ? `&beforeId=${beforeId}` : ''}${filterQuery(filter)}`;
        const page = await api.get<DeliveryPage>(`/api/notifications/${notification.id}/deliveries/summaries?${query}`);
        if (current.current !== filter) return; // the filter changed while this page was on its way
        setItems((list) => mergeNewestFirst(beforeId ? list : [], page.deliveries));
        setNextBeforeId(page.nextBeforeId);
        setError(undefined);
      } catch (caught) {
        setError(caught);
      } finally {
        setLoaded(true);
      }
    },
    [api, notification.id, filter],
  );

  useEffect(() => {
    load();
  }, [load]);

  const live = useLiveDeliveries(
    notification.id,
    (delivery) => {
      if (matchesLive(delivery, current.current)) setItems((list) => mergeNewestFirst(list, [delivery]));
    },
    () => refreshSession(),
  );

  return (
    <div class="inspector">
      <div class="toolbar">
        <p class={`live live-${live}`}>
          <span class="dot" aria-hidden="true" /> {LIVE_TEXT[live]}
        </p>
        <SendTest notificationId={notification.id} />
      </div>
      <PreviewOnSite siteId={notification.siteId} />
      <ErrorNote error={error} />
      {!loaded && <Loading />}
      {loaded && items.length === 0 && !filtered && (
        <EmptyState title="No deliveries yet">
          <p>
            Point your store or form tool at the webhook URL above, press <strong>Send test</strong>, or send a first
            conversion from a terminal:
          </p>
          <CopyField text={firstCurl(notification.ingestUrl)} what="curl command" multiline />
          <p class="hint">Every request to the URL shows up here within a second, whatever it contains.</p>
        </EmptyState>
      )}
      {loaded && (items.length > 0 || filtered) && (
        <div class="inspector-grid">
          <div class="delivery-list">
            <DeliveryFilterForm value={filter} onChange={setFilter} />
            {filtered && (
              <p class="hint" aria-live="polite">
                {items.length === 0
                  ? 'No delivery matches.'
                  : `${count(items.length)} matching${nextBeforeId === null ? '' : ' so far'}.`}
              </p>
            )}
            {items.length > 0 && <DeliveryList items={items} notificationId={notification.id} selected={deliveryId} />}
            {nextBeforeId !== null && (
              <button type="button" class="button" onClick={() => load(nextBeforeId)}>
                {filtered ? 'Load more matching deliveries' : 'Load older deliveries'}
              </button>
            )}
          </div>
          {deliveryId ? (
            <DeliveryDetail
              key={deliveryId}
              id={deliveryId}
              notification={notification}
              onNotificationChange={onNotificationChange}
            />
          ) : (
            <p class="muted pick">Open a delivery to see its headers, body and detected fields.</p>
          )}
        </div>
      )}
    </div>
  );
}
