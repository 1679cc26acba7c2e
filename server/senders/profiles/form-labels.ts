// Form builders send answers under the form's own labels ("What's your name?", "Email Address",
// "q3_firstName"): this names the role of a label and reads each role from the first answer that has it.
import type { ProductLine } from '../../normalize/types.ts';
import type { ReadingBuilder } from '../sender-reading.ts';

export type FormRole = 'email' | 'firstName' | 'lastName' | 'fullName' | 'country' | 'city' | 'state' | 'productName';

/** One answer: its label (question title, field name or slug), the sender's field type, and the path of its value. */
export interface FormAnswer {
  label: string;
  path: string;
  type?: string;
}

/** Checked in this order: "First name" is a first name before it is a name, "Country/Region" a country. */
const ROLE_PATTERNS: readonly (readonly [FormRole, RegExp])[] = [
  ['email', /\b(?:e ?mail|email address|correo|courriel)\b/],
  ['firstName', /\b(?:first|given|fore) ?name\b|\bfname\b|^first$|\bprenom\b|\bvorname\b/],
  ['lastName', /\b(?:last|family|sur) ?name\b|\blname\b|^last$|\bnachname\b|\bapellidos?\b/],
  ['country', /\b(?:country|pais|pays|land)\b/],
  ['city', /\b(?:city|town|ciudad|ville|stadt)\b/],
  ['state', /\b(?:state|province|region)\b/],
  ['productName', /\b(?:product|plan|package|course|workshop|ticket)\b/],
];
/** A whole-name question: "Name", "Your name", "Full name", "What's your name?". */
const FULL_NAME = /^(?:your |full |contact |customer )?name$|\bfull ?name\b|\byour name\b|\bwhat s your name\b/;
/** Names that belong to something other than the person. */
const NOT_A_PERSON = /\b(?:company|business|organi[sz]ation|product|form|page|site|user|pet|file|team)\b/;

/** "What's your e-mail?*" → "what s your e mail"; "q3_firstName" → "first name"; "Prénom" → "prenom". */
export function normalizeLabel(label: string): string {
  return label
    .replace(/^q\d+_/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The role a label plays, or undefined. A field typed `email` is an email whatever its label. */
export function roleOfLabel(label: string, type = ''): FormRole | undefined {
  if (/e-?mail/i.test(type)) return 'email';
  const text = normalizeLabel(label);
  if (text === '') return undefined;
  for (const [role, pattern] of ROLE_PATTERNS) if (pattern.test(text)) return role;
  if (FULL_NAME.test(text) && !NOT_A_PERSON.test(text)) return 'fullName';
  return undefined;
}

/** The paths of each role, in answer order; answers whose role is decided elsewhere may be given `roles`. */
export function groupByRole(answers: readonly FormAnswer[]): Map<FormRole, string[]> {
  const byRole = new Map<FormRole, string[]>();
  for (const answer of answers) {
    const role = roleOfLabel(answer.label, answer.type);
    if (!role) continue;
    const paths = byRole.get(role);
    if (paths) paths.push(answer.path);
    else byRole.set(role, [answer.path]);
  }
  return byRole;
}

/**
 * Reads every role from its answers: email, first and last names (a whole-name answer is split
 * only when they are absent), country before state (a US state needs the country), city, product.
 */
export function readFormAnswers(reading: ReadingBuilder, answers: readonly FormAnswer[]): ReadingBuilder {
  const byRole = groupByRole(answers);
  const paths = (role: FormRole): string[] => byRole.get(role) ?? [];
  reading.email(paths('email')).firstName(paths('firstName')).lastName(paths('lastName')).fullName(paths('fullName'));
  reading.country(paths('country')).text('city', paths('city')).state(paths('state'));
  return reading.text('productName', paths('productName'));
}

/** Parses a JSON string field (Jotform's rawRequest, Wufoo's FieldStructure); undefined when it is not JSON. */
export function parseJsonField(value: unknown, maxChars = 1_000_000): unknown {
  if (typeof value !== 'string' || value.length > maxChars) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Items a form priced (Gravity Forms' Product fields, WPForms' payment fields): all listed, the highest unit price shown. */
export function readItemLines(
  reading: ReadingBuilder,
  lines: readonly { line: ProductLine; path: string }[],
): ReadingBuilder {
  if (lines.length === 0) return reading;
  const main = lines.reduce((best, next) => ((next.line.price ?? -1) > (best.line.price ?? -1) ? next : best));
  const listPath = lines[0]?.path ?? '';
  reading.set(
    'products',
    lines.map(({ line }) => line),
    listPath,
  );
  reading.set('moreProducts', lines.length - 1, listPath);
  return reading.set('productName', main.line.name, main.path);
}
