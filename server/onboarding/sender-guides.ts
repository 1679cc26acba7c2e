// The senders Proofhook reads by name, each with the setup guide its profile was written from: what
// the checklist and the inspector link to ("Stripe's guide to sending webhooks").
import type { SenderGuide } from '../../shared/deliveries.ts';
import { ALL_SENDER_PROFILES } from '../senders/all-profiles.ts';

export type { SenderGuide };

export const SENDER_GUIDES: readonly SenderGuide[] = ALL_SENDER_PROFILES.map(({ id, name, docs }) => ({
  id,
  name,
  docs,
}));

const BY_ID = new Map(SENDER_GUIDES.map((guide) => [guide.id, guide]));

export const senderGuide = (id: string): SenderGuide | undefined => BY_ID.get(id);
