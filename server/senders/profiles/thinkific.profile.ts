// Thinkific webhooks {id, resource, action, tenant_id, created_at, payload}: https://developers.thinkific.com/api/using-webhooks/
// and the payload samples https://support.thinkific.dev/hc/en-us/articles/4422658311703-Webhooks-Documentation
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Topics that are real but no sale or sign-up to show. */
const NOT_SHOWN: Readonly<Record<string, string>> = {
  'order_transaction.refunded': 'Thinkific transaction refunded',
  'order_transaction.failed': 'Thinkific transaction failed',
  'subscription.cancelled': 'Thinkific subscription cancelled',
  'subscription.past_due': 'Thinkific subscription past due',
  'subscription.unpaid': 'Thinkific subscription unpaid',
};

export const thinkificProfile: SenderProfile = {
  id: 'thinkific',
  name: 'Thinkific',
  docs: 'https://developers.thinkific.com/api/using-webhooks/',
  headers: ['x-thinkific-topic'],
  bodyKeys: ['resource'],
  matches({ headers, body }) {
    if (body === null || typeof body !== 'object') return false;
    const { resource, action, payload } = body as Record<string, unknown>;
    if (headers['x-thinkific-topic'] && payload !== null && typeof payload === 'object') return true;
    return (
      typeof resource === 'string' && typeof action === 'string' && payload !== null && typeof payload === 'object'
    );
  },
  read({ headers, body }) {
    const reading = readingOf(body)
      .email(['payload.user.email', 'payload.user_email', 'payload.email'])
      .firstName(['payload.user.first_name', 'payload.first_name'])
      .lastName(['payload.user.last_name', 'payload.last_name'])
      .fullName(['payload.billing_name', 'payload.user_name', 'payload.user.full_name'])
      .text('productName', ['payload.product_name', 'payload.course.name', 'payload.product.name'])
      .currency(['payload.currency'])
      .total('payload.amount_dollars');
    if (reading.fields.total === undefined) reading.total('payload.amount_cents', { minorUnits: true });
    reading.time(['payload.created_at', 'created_at']);
    const status = reading.pick('payload.status');
    if (status && typeof status.value === 'string') reading.set('orderStatus', status.value.toLowerCase(), status.path);
    const root = body as Record<string, unknown>;
    const topic =
      headers['x-thinkific-topic'] ??
      (typeof root.resource === 'string' && typeof root.action === 'string' ? `${root.resource}.${root.action}` : '');
    if (topic) reading.set('event', topic, headers['x-thinkific-topic'] ? 'header:x-thinkific-topic' : 'resource');
    const id = root.id;
    if (typeof id === 'string' || typeof id === 'number') reading.set('eventId', `thinkific:${id}`, 'id');
    const reason = NOT_SHOWN[topic.toLowerCase()];
    if (reason) reading.notShown(reason, headers['x-thinkific-topic'] ? 'header:x-thinkific-topic' : 'action');
    return reading.done();
  },
};
