// The live inspector's feed: after each delivery commit, a summary goes to the admins watching
// that notification. The row is read back only when someone is watching. With several processes,
// the delivery's id also goes over the cluster bus, so an admin sees deliveries taken by any process;
// one lost while Redis is away is fetched by the EventSource's Last-Event-ID catch-up on reconnect.
import type { Logger } from 'pino';
import type { DeliverySummary } from '../../shared/deliveries.ts';
import type { Delivery, RecordResult } from './delivery.types.ts';
import type { Notification } from '../notifications/notification.types.ts';
import { senderGuide } from '../onboarding/sender-guides.ts';
import type { ClusterBus } from '../cluster/cluster-bus.ts';
import type { Storage } from '../storage/storage.ts';

const TOPIC = 'delivery';

interface DeliveryMessage {
  deliveryId: number;
  notificationId: number;
}

export type { DeliverySummary };

export function toDeliverySummary(d: Delivery): DeliverySummary {
  const n = d.normalized;
  const name = [n?.firstName, n?.lastName].filter(Boolean).join(' ');
  const more = n?.moreProducts ? ` and ${n.moreProducts} more` : '';
  const guide = n?.sender ? senderGuide(n.sender) : undefined;
  return {
    id: d.id,
    notificationId: d.notificationId,
    receivedAt: d.receivedAt,
    method: d.method,
    status: d.status,
    outcome: d.outcome,
    reason: d.reason,
    replayOf: d.replayOf,
    bodyBytes: d.bodyBytes,
    contentType: d.contentType,
    person: name || n?.email || null,
    product: n?.productName ? `${n.productName}${more}` : null,
    sender: n?.sender ? { id: n.sender, name: guide?.name ?? n.sender } : null,
  };
}

export interface FeedSubscriber {
  onDelivery(summary: DeliverySummary): void;
  /** The server is shutting down: end the response. */
  onClose(): void;
}

export interface DeliveryFeed {
  subscribe(notificationId: number, subscriber: FeedSubscriber): () => void;
  /** WebhookDeps.onDelivery: never throws. */
  publish(result: RecordResult, notification: Notification): void;
  close(): void;
}

export function createDeliveryFeed(deps: { storage: Storage; logger: Logger; bus?: ClusterBus }): DeliveryFeed {
  const watchers = new Map<number, Set<FeedSubscriber>>();

  async function send(deliveryId: number, notificationId: number) {
    const delivery = await deps.storage.deliveries.find(deliveryId);
    if (!delivery) return;
    const summary = toDeliverySummary(delivery);
    for (const subscriber of watchers.get(notificationId) ?? []) {
      try {
        subscriber.onDelivery(summary);
      } catch (error) {
        deps.logger.warn({ err: error }, 'admin feed: a subscriber failed');
      }
    }
  }

  function sendIfWatched(deliveryId: number, notificationId: number) {
    if (!watchers.has(notificationId)) return;
    send(deliveryId, notificationId).catch((error) => {
      deps.logger.warn({ err: error }, 'admin feed: reading a delivery failed');
    });
  }

  deps.bus?.subscribe(TOPIC, (raw) => {
    const { deliveryId, notificationId } = (raw ?? {}) as Partial<DeliveryMessage>;
    if (Number.isSafeInteger(deliveryId) && Number.isSafeInteger(notificationId)) {
      sendIfWatched(deliveryId as number, notificationId as number);
    }
  });

  return {
    subscribe(notificationId, subscriber) {
      const set = watchers.get(notificationId) ?? new Set();
      set.add(subscriber);
      watchers.set(notificationId, set);
      return () => {
        set.delete(subscriber);
        if (set.size === 0 && watchers.get(notificationId) === set) watchers.delete(notificationId);
      };
    },
    publish(result, notification) {
      const message: DeliveryMessage = { deliveryId: result.deliveryId, notificationId: notification.id };
      deps.bus?.publish(TOPIC, message);
      sendIfWatched(message.deliveryId, message.notificationId);
    },
    close() {
      for (const set of watchers.values()) for (const subscriber of set) subscriber.onClose();
      watchers.clear();
    },
  };
}
