// Mollie webhooks (https://docs.mollie.com/reference/webhooks): a form post of the changed object's id and nothing else.
import { toText } from '../../normalize/text-limits.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Payment, order, subscription, refund and chargeback ids as Mollie prefixes them. */
const MOLLIE_ID = /^(?:tr|ord|sub|re|chb|pl)_[A-Za-z0-9]{4,}$/;
const KINDS: Readonly<Record<string, string>> = {
  tr: 'payment',
  ord: 'order',
  sub: 'subscription',
  re: 'refund',
  chb: 'chargeback',
  pl: 'payment link',
};

export const mollieProfile: SenderProfile = {
  id: 'mollie',
  name: 'Mollie',
  docs: 'https://docs.mollie.com/reference/webhooks',
  userAgents: ['mollie'],
  bodyKeys: ['id'],
  matches: ({ body }) => {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
    const keys = Object.keys(body);
    return keys.length === 1 && keys[0] === 'id' && MOLLIE_ID.test(toText((body as { id: unknown }).id) ?? '');
  },
  read({ body }) {
    const id = toText((body as { id: unknown }).id) ?? '';
    const kind = KINDS[id.slice(0, id.indexOf('_'))] ?? 'object';
    // The status, buyer and amount are only in the API's copy: "fetch the payment status and act accordingly".
    return readingOf(body)
      .notShown(
        `Mollie sent only the ${kind} id ${id}; its status, buyer and amount must be fetched from the Mollie API`,
        'id',
      )
      .done();
  },
};
