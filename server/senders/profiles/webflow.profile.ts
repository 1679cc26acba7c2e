// Webflow form_submission webhooks (https://developers.webflow.com/data/reference/webhooks/events/form-submission):
// {triggerType, payload: {name (the FORM's name), siteId, data (answers under the form's own labels),
// submittedAt, id, formId}}, signed with X-Webflow-Signature and X-Webflow-Timestamp.
import { formatPath } from '../field-path.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { type FormAnswer, isRecord, readFormAnswers } from './form-labels.ts';

const MAX_FIELDS = 300;

export const webflowProfile: SenderProfile = {
  id: 'webflow',
  name: 'Webflow Forms',
  docs: 'https://developers.webflow.com/data/reference/webhooks/events/form-submission',
  headers: ['x-webflow-signature', 'x-webflow-timestamp'],
  bodyKeys: ['triggerType'],
  matches: ({ body }) => isRecord(body) && body.triggerType === 'form_submission' && isRecord(body.payload),
  read({ body }) {
    const reading = readingOf(body);
    const payload = (body as { payload: Record<string, unknown> }).payload;
    const data = isRecord(payload.data) ? payload.data : {};
    const answers: FormAnswer[] = Object.keys(data)
      .slice(0, MAX_FIELDS)
      .map((label) => ({ label, path: formatPath(['payload', 'data', label]) }));
    readFormAnswers(reading, answers).time('payload.submittedAt').text('event', 'triggerType');
    const id = reading.pick('payload.id')?.value;
    if (typeof id === 'string') reading.set('eventId', `webflow:form-submission:${id}`, 'payload.id');
    // payload.name is the form's name ("Contact Form"): detection reads only the answers.
    return reading.detectIn({ payload: { data } }).done();
  },
};
