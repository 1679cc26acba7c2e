// The inspector's live feed: Server-Sent Events from /api/notifications/:id/deliveries/stream.
// EventSource reconnects by itself and resumes from the last event id.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeliverySummary } from './types.ts';

export type LiveState = 'connecting' | 'live' | 'offline';

export function useLiveDeliveries(
  notificationId: number,
  onDelivery: (delivery: DeliverySummary) => void,
  onSessionEnded: () => void,
): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handlers = useRef({ onDelivery, onSessionEnded });
  handlers.current = { onDelivery, onSessionEnded };

  useEffect(() => {
    const source = new EventSource(`/api/notifications/${notificationId}/deliveries/stream`);
    source.onopen = () => setState('live');
    // CLOSED means the server refused (the session ended); otherwise the browser is retrying.
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    source.addEventListener('delivery', (event) => {
      try {
        handlers.current.onDelivery(JSON.parse((event as MessageEvent<string>).data) as DeliverySummary);
      } catch {
        // a malformed event is skipped; the list reloads on the next navigation anyway
      }
    });
    source.addEventListener('session-ended', () => {
      source.close();
      setState('offline');
      handlers.current.onSessionEnded();
    });
    return () => source.close();
  }, [notificationId]);

  return state;
}
