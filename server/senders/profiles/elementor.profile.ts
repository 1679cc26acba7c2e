// Elementor Pro Forms' Webhook action with "Advanced Data" on (https://elementor.com/help/actions-after-submit/):
// a form-encoded POST of form[id]/form[name], fields[<id>][title|type|value|raw_value] and meta[date|time|
// page_url|user_agent|remote_ip][title|value]. The default "name" field holds the whole name.
import { formatPath } from '../field-path.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { type FormAnswer, isRecord, readFormAnswers } from './form-labels.ts';

const MAX_FIELDS = 300;

export const elementorProfile: SenderProfile = {
  id: 'elementor',
  name: 'Elementor Forms',
  docs: 'https://elementor.com/help/actions-after-submit/',
  bodyKeys: ['form', 'meta'],
  userAgents: ['wordpress'],
  matches: ({ body }) => isRecord(body) && isRecord(body.form) && isRecord(body.fields) && isRecord(body.meta),
  read({ body }) {
    const { fields, meta } = body as { fields: Record<string, unknown>; meta: Record<string, unknown> };
    const reading = readingOf(body);
    const answers: FormAnswer[] = [];
    for (const id of Object.keys(fields).slice(0, MAX_FIELDS)) {
      const field = fields[id];
      if (!isRecord(field)) continue;
      const type = typeof field.type === 'string' ? field.type : '';
      const path = formatPath(['fields', id, 'value']);
      answers.push({ label: typeof field.title === 'string' && field.title !== '' ? field.title : id, path, type });
      // The field's id ("name", "email") speaks when its title is in another language or a question.
      answers.push({ label: id, path, type });
    }
    readFormAnswers(reading, answers).text('ip', 'meta.remote_ip.value');
    // meta[date] and meta[time] are the site's local wall clock in its own formats ("March 3, 2024",
    // "10:15 am") without a zone; the webhook is sent during the submission, so the receive time stands.
    // Detection reads only the answers and meta: form[name] is the form's name, not the visitor's.
    const { date: _date, time: _time, ...otherMeta } = meta;
    return reading.detectIn({ fields, meta: otherMeta }).done();
  },
};
