// MailerLite webhooks: the subscriber at the top level with `event` ("subscriber.created"), or nested as
// { type, subscriber } for group and automation events, optionally batched in `events`, signed in the `Signature`
// header (https://developers.mailerlite.com/docs/webhooks); and MailerLite Classic's { events: [{ type:
// "subscriber.create", data: { subscriber: { fields: [{ key, value }] } }, timestamp }] }
// (https://developers-classic.mailerlite.com/docs/webhooks).
import { readPath } from '../field-path.ts';
import type { ReadingBuilder } from '../sender-reading.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Events that are someone leaving or failing, or a change to an existing subscriber: never a sign-up to show. */
const NOT_SHOWN: Readonly<Record<string, string>> = {
  'subscriber.unsubscribed': 'subscriber unsubscribed',
  'subscriber.unsubscribe': 'subscriber unsubscribed',
  'subscriber.bounced': 'subscriber bounced',
  'subscriber.spam_reported': 'subscriber reported spam',
  'subscriber.complaint': 'subscriber reported spam',
  'subscriber.deleted': 'subscriber deleted',
  'subscriber.updated': 'subscriber updated, not a new sign-up',
  'subscriber.update': 'subscriber updated, not a new sign-up',
  'subscriber.removed_from_group': 'subscriber removed from a group',
  'subscriber.remove_from_group': 'subscriber removed from a group',
};
/** Statuses of a subscriber who is not (or not yet) on the list. */
const NOT_ACTIVE = new Set(['unsubscribed', 'unconfirmed', 'bounced', 'junk']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Where the event and its subscriber sit: the body, or the first event of a batch. */
function locate(body: unknown): { event: string; subscriber: string; type: string } | undefined {
  for (const at of ['', 'events[0].']) {
    const root = at ? readPath(body, at.slice(0, -1)) : body;
    if (!isObject(root)) continue;
    if (typeof root.event === 'string' && typeof root.email === 'string')
      return { event: `${at}event`, subscriber: at.slice(0, -1), type: String(root.event) };
    if (typeof root.type === 'string' && isObject(root.subscriber) && typeof root.subscriber.email === 'string')
      return { event: `${at}type`, subscriber: `${at}subscriber`, type: root.type };
    if (typeof root.type === 'string' && typeof readPath(root, 'data.subscriber.email') === 'string')
      return { event: `${at}type`, subscriber: `${at}data.subscriber`, type: root.type };
  }
  return undefined;
}

export const mailerliteProfile: SenderProfile = {
  id: 'mailerlite',
  name: 'MailerLite',
  docs: 'https://developers.mailerlite.com/docs/webhooks',
  headers: ['signature', 'x-mailerlite-signature'],
  bodyKeys: ['events', 'account_id'],
  matches: ({ body }) => locate(body)?.type.startsWith('subscriber.') === true,
  read({ body }) {
    const reading = readingOf(body);
    const found = locate(body);
    if (!found) return reading.done();
    const at = found.subscriber ? `${found.subscriber}.` : '';
    reading.email(`${at}email`).text('event', found.event);
    if (Array.isArray(reading.pick(`${at}fields`)?.value)) readClassicFields(reading, `${at}fields`);
    else readFields(reading, `${at}fields`);
    reading.text('ip', [`${at}ip_address`, `${at}optin_ip`]);
    const batch = found.event.startsWith('events[0].') ? 'events[0].' : '';
    reading.time([
      `${batch}timestamp`,
      `${at}subscribed_at`,
      `${at}created_at`,
      `${at}date_subscribe`,
      `${at}date_created`,
    ]);
    const id = reading.pick(`${at}id`)?.value;
    if (typeof id === 'string' || typeof id === 'number')
      reading.set('eventId', `mailerlite:${found.type}:${id}`, `${at}id`);
    const status = reading.pick([`${at}status`, `${at}type`])?.value;
    const notShown = NOT_SHOWN[found.type];
    if (notShown) reading.notShown(notShown, found.event);
    else if (typeof status === 'string' && NOT_ACTIVE.has(status))
      reading.notShown(`subscriber ${status}`, `${at}status`);
    return reading.done();
  },
};

/** The new API's fields object: `name` is the first name (or the whole name when no last name is kept). */
function readFields(reading: ReadingBuilder, at: string): void {
  const name = reading.pick(`${at}.name`)?.value;
  const last = reading.pick(`${at}.last_name`)?.value;
  if (typeof name === 'string' && /\s/.test(name.trim()) && !last) reading.fullName(`${at}.name`);
  else reading.firstName(`${at}.name`).lastName(`${at}.last_name`);
  reading.country(`${at}.country`).state(`${at}.state`).text('city', `${at}.city`);
}

/** Classic's fields list [{ key, value }]. */
function readClassicFields(reading: ReadingBuilder, at: string): void {
  const list = reading.pick(at)?.value as unknown[];
  const path = (key: string) => {
    const index = list.findIndex((item) => isObject(item) && item.key === key);
    return index < 0 ? [] : [`${at}[${index}].value`];
  };
  const base = at.slice(0, -'fields'.length);
  const name = path('name');
  const last = path('last_name');
  const nameText = name[0] ? reading.pick(name)?.value : undefined;
  if (typeof nameText === 'string' && /\s/.test(nameText.trim()) && !reading.pick(last)) reading.fullName(name);
  else reading.firstName([...name, `${base}name`]).lastName(last);
  reading.country(path('country')).state(path('state')).text('city', path('city'));
}
