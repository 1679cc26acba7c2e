// Form capture (docs/form-capture.md): when the site has capture rules, a sent form that matches one
// on a matching page gives its email, names and city to the server over the widget's socket. One
// submit listener on the document (capture phase, passive): it never calls preventDefault and never
// waits, so the form's own submit goes on exactly as without the widget. It never reads a password,
// a hidden field, a card field (autocomplete="cc-…") or anything that looks like a card number.
import type { CapturedField, CapturedForm, PublicCaptureRule, ServerToWidgetEvents } from '../../shared/protocol.ts';
import { guard, type Log } from './log.ts';
import { matchesPattern } from './url.ts';

const SKIPPED_TYPE = /^(password|hidden|file|submit|button|reset|image|checkbox|radio)$/;
/** A field whose name says it holds a secret or a payment detail, whatever its type. */
const SECRET_NAME = /pass|card|cvc|cvv|secur|secret|token|iban|ssn/;
/** 13 to 19 digits, maybe grouped by spaces or dashes: payment card numbers (ISO/IEC 7812). */
const CARD_LIKE = /(?:\d[ -]?){12,18}\d/;
const AUTOCOMPLETE: Record<string, CapturedField> = {
  email: 'email',
  'given-name': 'firstName',
  'family-name': 'lastName',
  name: 'name',
  'address-level2': 'city',
};
/** By name or id, lower-cased with everything but letters and digits removed (`first_name` → `firstname`). */
const NAMED: Array<[RegExp, CapturedField]> = [
  [/email/, 'email'],
  [/(first|given)name$|^fname$/, 'firstName'],
  [/(last|family|sur)name$|^lname$/, 'lastName'],
  [/^(full|your)?name$/, 'name'],
  [/city$|^town$|addresslevel2$/, 'city'],
];

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function fieldOf(element: Field): CapturedField | undefined {
  const type = (element.type || '').toLowerCase();
  const autocomplete = (element.getAttribute('autocomplete') || '').toLowerCase();
  if (SKIPPED_TYPE.test(type) || /(^|\s)cc-/.test(autocomplete)) return undefined;
  const names = [element.name, element.id].map((text) => (text || '').toLowerCase().replace(/[^a-z0-9]/g, ''));
  if (names.some((name) => SECRET_NAME.test(name))) return undefined;
  for (const token of autocomplete.split(/\s+/)) {
    const field = AUTOCOMPLETE[token];
    if (typeof field === 'string') return field;
  }
  if (type === 'email') return 'email';
  for (const [pattern, field] of NAMED) if (names.some((name) => pattern.test(name))) return field;
  return undefined;
}

/** The form's fields Proofhook may take, the first of each kind. */
export function readFormFields(form: HTMLFormElement): CapturedForm['fields'] {
  const fields: CapturedForm['fields'] = {};
  for (const element of Array.from(form.elements) as Field[]) {
    if (typeof element.value !== 'string' || element.disabled) continue;
    const field = fieldOf(element);
    const value = element.value.trim();
    if (!field || fields[field] || !value || value.length > 320 || CARD_LIKE.test(value)) continue;
    if (field === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value)) continue;
    fields[field] = value;
  }
  return fields;
}

const matches = (form: Element, selector: string) => {
  try {
    return form.matches(selector);
  } catch {
    return false; // a selector this browser does not know
  }
};

/** Wraps `widget:ready` to learn the rules; listens to submits once a rule exists. */
export function listenForCapture(win: Window, on: ServerToWidgetEvents, log: Log, send: (form: CapturedForm) => void) {
  const ready = on['widget:ready'];
  let rules: PublicCaptureRule[] = [];
  let listening = false;
  const onSubmit = guard(log, (event: Event) => {
    const form = event.target as HTMLFormElement | null;
    if (form?.tagName !== 'FORM') return;
    const path = win.location.pathname;
    const rule = rules.find((r) => matchesPattern(r.path, path) && matches(form, r.selector));
    if (!rule) return;
    const fields = readFormFields(form);
    if (Object.keys(fields).length > 0) send({ ruleId: rule.id, path, fields });
  });
  on['widget:ready'] = (payload) => {
    rules = Array.isArray(payload?.capture) ? payload.capture : [];
    if (rules.length > 0 && !listening) {
      listening = true;
      win.document.addEventListener('submit', onSubmit, { capture: true, passive: true });
    }
    ready(payload);
  };
}
