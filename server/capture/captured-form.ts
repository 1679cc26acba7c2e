// Reads a `capture:record` event from a widget: anything a page's script could send, so every part
// is checked and capped. Only the known field names pass (any other name drops the whole event: the
// widget never sends one), and a value that could be a payment card number is dropped even though
// the widget never takes one: a modified widget or a hand-made socket is not trusted either.
import type { CapturedField, CapturedForm } from '../../shared/protocol.ts';

export const CAPTURED_FIELDS: readonly CapturedField[] = ['email', 'firstName', 'lastName', 'name', 'city'];
const KNOWN = new Set<string>(CAPTURED_FIELDS);

/** Longest value kept per field: an email address may be 320 characters (RFC 5321), the others far less. */
export const MAX_FIELD_CHARS: Readonly<Record<CapturedField, number>> = {
  email: 320,
  firstName: 100,
  lastName: 100,
  name: 200,
  city: 100,
};
export const MAX_PATH_CHARS = 2000;
/** The whole event as JSON: the fields' caps, their names and the path, with room to spare. */
export const MAX_EVENT_CHARS = 4096;

/** 13 to 19 digits, maybe grouped by spaces or dashes: the length of payment card numbers (ISO/IEC 7812). */
const CARD_LIKE = /(?:\d[ -]?){12,18}\d/;
/** Nothing a person would type in a name or city field. */
const CONTROL = /[\u0000-\u001f\u007f]/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const looksLikeCardNumber = (value: string) => CARD_LIKE.test(value);

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** The event's fields as stored, or undefined when the event is not one the widget could have sent. */
export function readCapturedForm(input: unknown): CapturedForm | undefined {
  if (typeof input !== 'object' || input === null || jsonLength(input) > MAX_EVENT_CHARS) return undefined;
  const { ruleId, path, fields } = input as Record<string, unknown>;
  if (typeof ruleId !== 'number' || !Number.isSafeInteger(ruleId) || ruleId < 1) return undefined;
  if (typeof path !== 'string' || !path.startsWith('/') || path.length > MAX_PATH_CHARS) return undefined;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return undefined;
  const kept: CapturedForm['fields'] = {};
  for (const [name, raw] of Object.entries(fields)) {
    if (!KNOWN.has(name) || typeof raw !== 'string') return undefined;
    const field = name as CapturedField;
    const value = raw.trim();
    if (value === '' || value.length > MAX_FIELD_CHARS[field] || CONTROL.test(value)) continue;
    if (looksLikeCardNumber(value)) continue;
    if (field === 'email' && !EMAIL.test(value)) continue;
    kept[field] = field === 'email' ? value.toLowerCase() : value;
  }
  if (Object.keys(kept).length === 0) return undefined;
  return { ruleId, path, fields: kept };
}
