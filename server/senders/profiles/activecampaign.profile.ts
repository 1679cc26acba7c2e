// ActiveCampaign webhooks: form-encoded `type`, `date_time` (ISO 8601 with offset), `initiated_from`, `list`
// and the `contact[...]` block (https://developers.activecampaign.com/page/webhooks).
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Event types that are someone leaving, a bounce, or campaign and SMS activity: never a sign-up to show. */
const NOT_SHOWN: Readonly<Record<string, string>> = {
  unsubscribe: 'contact unsubscribed',
  bounce: 'campaign bounced',
  sms_unsub: 'contact unsubscribed from SMS',
  sent: 'campaign sent',
  open: 'campaign opened',
  click: 'campaign link clicked',
  forward: 'campaign forwarded',
  share: 'campaign shared',
  reply: 'campaign replied to',
  update: 'contact updated, not a new subscriber',
};

export const activecampaignProfile: SenderProfile = {
  id: 'activecampaign',
  name: 'ActiveCampaign',
  docs: 'https://developers.activecampaign.com/page/webhooks',
  bodyKeys: ['initiated_from', 'initiated_by', 'date_time'],
  matches({ body }) {
    const fields = body as Record<string, unknown> | null;
    return (
      typeof fields?.type === 'string' &&
      typeof fields.date_time === 'string' &&
      ('initiated_from' in fields || 'initiated_by' in fields)
    );
  },
  read({ body }) {
    const reading = readingOf(body)
      .email('contact.email')
      .firstName('contact.first_name')
      .lastName('contact.last_name')
      .text('ip', 'contact.ip')
      .time('date_time')
      .text('event', 'type');
    const type = reading.fields.event ?? '';
    const contact = reading.pick('contact.id')?.value;
    const time = reading.pick('date_time')?.value;
    if ((typeof contact === 'string' || typeof contact === 'number') && typeof time === 'string')
      reading.set('eventId', `activecampaign:${type}:${contact}:${time}`, 'contact.id');
    const notShown = NOT_SHOWN[type];
    if (notShown) reading.notShown(notShown, 'type');
    return reading.done();
  },
};
