// Eventbrite webhooks (order.placed, order.updated, order.refunded): https://www.eventbrite.com/platform/docs/webhooks
// The body holds only `api_url`, the order to fetch, and the webhook's `config`; it never carries the buyer.
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { asObject } from './decode-jwt.ts';

const ORDER_URL = /\/orders\/(\d+)\/?$/;

export const eventbriteProfile: SenderProfile = {
  id: 'eventbrite',
  name: 'Eventbrite',
  docs: 'https://www.eventbrite.com/platform/docs/webhooks',
  headers: ['x-eventbrite-event'],
  // "Eventbrite Hookshot 12345c6"
  userAgents: ['eventbrite'],
  bodyKeys: ['api_url'],
  matches({ body }) {
    const hook = asObject(body);
    return typeof hook?.api_url === 'string' && typeof asObject(hook.config)?.action === 'string';
  },
  read({ headers, body }) {
    const reading = readingOf(body).text('event', 'config.action');
    if (reading.fields.event === undefined && headers['x-eventbrite-event']) {
      reading.set('event', headers['x-eventbrite-event'], 'header:x-eventbrite-event');
    }
    const url = reading.pick('api_url')?.value;
    const orderId = typeof url === 'string' ? ORDER_URL.exec(url)?.[1] : undefined;
    if (orderId) reading.set('eventId', `eventbrite:order:${orderId}`, 'api_url');
    const action = reading.fields.event;
    if (action === 'test') return reading.notShown('Eventbrite test webhook', 'config.action').done();
    if (action === 'order.refunded') return reading.notShown('order refunded', 'config.action').done();
    return reading
      .notShown('Eventbrite sends only the API URL of the order: the buyer must be fetched from api_url', 'api_url')
      .done();
  },
};
