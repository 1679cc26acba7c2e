// Jotform webhooks: https://www.jotform.com/help/245-how-to-setup-a-webhook-with-jotform/ — a multipart POST
// with formID, submissionID, formTitle, pretty, ip and rawRequest, a JSON string of the answers keyed
// `q<id>_<slug>` (names as {first, last}, addresses as {addr_line1, city, state, postal, country}).
import { formatPath } from '../field-path.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { type FormAnswer, isRecord, parseJsonField, readFormAnswers } from './form-labels.ts';

const ANSWER_KEY = /^q\d+_/;
const MAX_ANSWERS = 300;
/** The browser's submit moment in rawRequest.jsExecutionTracker: `…=>onsubmit-fired:1732615897940=>…` (epoch ms). */
const SUBMIT_FIRED = /(?:^|=>)onsubmit-fired:(\d{13})(?:=>|$)/;

export const jotformProfile: SenderProfile = {
  id: 'jotform',
  name: 'Jotform',
  docs: 'https://www.jotform.com/help/245-how-to-setup-a-webhook-with-jotform/',
  bodyKeys: ['rawRequest', 'formID', 'submissionID'],
  matches: ({ body }) => isRecord(body) && typeof body.rawRequest === 'string' && body.formID !== undefined,
  read({ body }) {
    const request = body as Record<string, unknown>;
    const raw = parseJsonField(request.rawRequest);
    const answers = isRecord(raw) ? raw : {};
    // Paths read `rawRequest.q3_name.first`: rawRequest as Jotform meant it, decoded.
    const reading = readingOf({ ...request, rawRequest: answers });
    readFormAnswers(reading, answersOf(answers));
    reading.text('ip', 'ip');
    const submissionId = reading.pick('submissionID')?.value;
    if (typeof submissionId === 'string' || typeof submissionId === 'number')
      reading.set('eventId', `jotform:submission:${submissionId}`, 'submissionID');
    const tracker = answers.jsExecutionTracker;
    const fired = typeof tracker === 'string' ? SUBMIT_FIRED.exec(tracker)?.[1] : undefined;
    if (fired) reading.set('timestamp', Number(fired), 'rawRequest.jsExecutionTracker');
    // The owner's `username` and the form's title sit beside the answers: detection reads only the answers.
    return reading.detectIn(answers).done();
  },
};

/** Each answer by its slug; a name's and an address's parts by their own roles. */
function answersOf(raw: Record<string, unknown>): FormAnswer[] {
  const answers: FormAnswer[] = [];
  for (const key of Object.keys(raw).slice(0, MAX_ANSWERS)) {
    if (!ANSWER_KEY.test(key)) continue;
    const value = raw[key];
    const path = formatPath(['rawRequest', key]);
    if (typeof value === 'string') answers.push({ label: key, path });
    else if (isRecord(value) && ('first' in value || 'last' in value)) {
      answers.push({ label: 'first name', path: `${path}.first` }, { label: 'last name', path: `${path}.last` });
    } else if (isRecord(value) && ('city' in value || 'country' in value)) {
      answers.push(
        { label: 'city', path: `${path}.city` },
        { label: 'state', path: `${path}.state` },
        { label: 'country', path: `${path}.country` },
      );
    }
  }
  return answers;
}
