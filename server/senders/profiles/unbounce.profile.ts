// Unbounce form WebHooks (https://documentation.unbounce.com/hc/en-us/articles/203510044): a form-encoded POST
// of page_id, page_name, page_url, variant and data.json, a JSON string whose every value is a list:
// {"email": ["…"], "first_name": ["…"], "date_submitted": ["2024-03-03"], "time_submitted": ["10:15 AM UTC"]}.
import { formatPath } from '../field-path.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { type FormAnswer, isRecord, parseJsonField, readFormAnswers } from './form-labels.ts';

const MAX_FIELDS = 300;
/** Keys Unbounce adds to every submission: not the visitor's answers. */
const SYSTEM_KEYS = new Set([
  'ip_address',
  'page_uuid',
  'variant',
  'page_url',
  'page_name',
  'date_submitted',
  'time_submitted',
]);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?\s*(?:UTC|GMT|Z)$/i;

export const unbounceProfile: SenderProfile = {
  id: 'unbounce',
  name: 'Unbounce',
  docs: 'https://documentation.unbounce.com/hc/en-us/articles/203510044',
  bodyKeys: ['data.json', 'page_id'],
  matches: ({ body }) => isRecord(body) && typeof body['data.json'] === 'string',
  read({ body }) {
    const post = body as Record<string, unknown>;
    const decoded = parseJsonField(post['data.json']);
    const data = isRecord(decoded) ? decoded : {};
    const composed = { ...post, 'data.json': data };
    const reading = readingOf(composed);
    const at = (key: string) => formatPath(['data.json', key, 0]);
    const answers: FormAnswer[] = Object.keys(data)
      .slice(0, MAX_FIELDS)
      .filter((key) => !SYSTEM_KEYS.has(key))
      .map((key) => ({ label: key, path: at(key) }));
    readFormAnswers(reading, answers).text('ip', at('ip_address'));
    const date = reading.pick(at('date_submitted'))?.value;
    const time = reading.pick(at('time_submitted'))?.value;
    const ms = submittedAt(date, time);
    if (ms !== undefined) reading.set('timestamp', ms, at('time_submitted'));
    return reading.detectIn(composed).done();
  },
};

/** "2024-03-03" + "10:15 AM UTC" → epoch ms; both parts are needed (the time alone has no day). */
function submittedAt(date: unknown, time: unknown): number | undefined {
  const day = typeof date === 'string' ? DATE.exec(date.trim()) : null;
  const clock = typeof time === 'string' ? TIME.exec(time.trim()) : null;
  if (!day || !clock) return undefined;
  let hour = Number(clock[1]);
  const meridiem = clock[4]?.toUpperCase();
  if (meridiem && (hour < 1 || hour > 12)) return undefined;
  if (meridiem === 'PM' && hour !== 12) hour += 12;
  if (meridiem === 'AM' && hour === 12) hour = 0;
  const [minute, second] = [Number(clock[2]), Number(clock[3] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), hour, minute, second);
  return Number.isFinite(ms) ? ms : undefined;
}
