// HubSpot: app webhooks v3 (a JSON array of { eventId, subscriptionId, portalId, occurredAt, subscriptionType,
// objectId }, https://developers.hubspot.com/docs/api/webhooks) and a workflow's "Send a webhook" action, which posts
// the contact with its properties as { properties: { email: { value } } }
// (https://knowledge.hubspot.com/workflows/how-do-i-use-webhooks-with-hubspot-workflows).
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const NO_CONTACT_DATA =
  'HubSpot app webhooks carry only the record id (objectId), no email or name: post the contact from a workflow "Send a webhook" action instead';

export const hubspotProfile: SenderProfile = {
  id: 'hubspot',
  name: 'HubSpot',
  docs: 'https://developers.hubspot.com/docs/api/webhooks',
  headers: ['x-hubspot-signature-v3', 'x-hubspot-signature'],
  userAgents: ['hubspot'],
  bodyKeys: ['canonical-vid', 'portal-id'],
  matches({ body }) {
    if (Array.isArray(body)) return isObject(body[0]) && typeof body[0].subscriptionType === 'string';
    return isObject(body) && isObject(body.properties) && isObject(body.properties.email);
  },
  read({ body }) {
    const reading = readingOf(body);
    if (Array.isArray(body)) {
      reading.text('event', '[0].subscriptionType').time('[0].occurredAt');
      const id = reading.pick('[0].eventId')?.value;
      if (typeof id === 'number' || typeof id === 'string')
        reading.set('eventId', `hubspot:event:${id}`, '[0].eventId');
      return reading.notShown(NO_CONTACT_DATA, '[0].objectId').done();
    }
    reading
      .email('properties.email.value')
      .firstName('properties.firstname.value')
      .lastName('properties.lastname.value')
      .country(['properties.country.value', 'properties.ip_country.value'])
      .state(['properties.state.value', 'properties.ip_state.value'])
      .text('city', ['properties.city.value', 'properties.ip_city.value']);
    const vid = reading.pick(['canonical-vid', 'vid', 'properties.hs_object_id.value']);
    if (typeof vid?.value === 'number' || typeof vid?.value === 'string')
      reading.set('eventId', `hubspot:contact:${vid.value}`, vid.path);
    return reading.done();
  },
};
