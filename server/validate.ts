// Turns admin input into typed values or a 400 whose message a person can read: each problem is a
// sentence that names the field in words ("The name must be at most 100 characters long."), never
// zod's "name: Too small: expected string to have >=1 characters".
import type { z } from 'zod';
import { HttpError, notFound } from './errors.ts';

/**
 * Words for fields, by key; a route passes its own for keys that read badly split (`firstDelayMs`).
 * A label is a noun phrase that can start a sentence once capitalised: "the time each popup stays".
 */
export type FieldLabels = Readonly<Record<string, string>>;

/** Containers whose entries are named by their key: `fieldMap.total` is "the field map entry for total". */
const CONTAINERS: Readonly<Record<string, string>> = {
  fieldMap: 'the field map entry for',
  map: 'the column mapping for',
};

const words = (key: string) =>
  key
    .replace(/Ms$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "the name", "the allowed origins (entry 2)", "the field map entry for total": what a path points at. */
function fieldLabel(path: readonly PropertyKey[], labels: FieldLabels): string {
  const keys = path.filter((part): part is string => typeof part === 'string');
  const index = path.findLast((part) => typeof part === 'number');
  const last = keys.at(-1);
  if (last === undefined) return 'the input';
  const container = keys.length > 1 ? CONTAINERS[keys.at(-2) as string] : undefined;
  if (container) return `${container} ${last}`;
  const label = labels[last] ?? `the ${words(last)}`;
  if (typeof index !== 'number') return label;
  // A list's entry: "include.1" is "the pages to show on (entry 2)": people count from 1.
  return `${label} (entry ${index + 1})`;
}

const DURATION_UNITS: Array<[string, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** A limit in the field's unit: fields named …Ms are durations ("1 second", "90 days"). */
function limitText(path: readonly PropertyKey[], value: unknown): string {
  const n = Number(value);
  const key = path.findLast((part) => typeof part === 'string');
  if (typeof key !== 'string' || !key.endsWith('Ms') || !Number.isFinite(n)) return String(value);
  if (n === 0) return '0 seconds';
  const [unit, size] = DURATION_UNITS.find(([, ms]) => n % ms === 0) ?? ['millisecond', 1];
  const count = n / size;
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  email: 'an email address such as maria@example.com',
  url: 'a web address such as https://shop.example.com',
  regex: 'in the expected format',
};

type Issue = z.core.$ZodRawIssue;

/** What is wrong, after the field's label: "must be at most 100 characters long". */
function problemOf(issue: Issue): string {
  const path = issue.path ?? [];
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = limitText(path, issue.minimum);
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'is empty' : `needs at least ${min} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${min} entries`;
      return issue.inclusive === false ? `must be more than ${min}` : `must be at least ${min}`;
    }
    case 'too_big': {
      const max = limitText(path, issue.maximum);
      if (issue.origin === 'string') return `must be at most ${max} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `can have at most ${max} entries`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case 'invalid_format':
      return `must be ${FORMAT_WORDS[issue.format] ?? `a valid ${issue.format}`}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return 'is not valid';
  }
}

/** zod's own messages, reworded; a schema's message (`.min(1, 'Give the site a name.')`) wins over this. */
function sentenceOf(issue: Issue, labels: FieldLabels): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return `Unknown field${issue.keys.length === 1 ? '' : 's'} ${keys}: check the spelling.`;
  }
  if (issue.code === 'invalid_type' && (issue.path ?? []).length === 0) {
    return issue.expected === 'object'
      ? 'Send a JSON object.'
      : `Send ${TYPE_WORDS[issue.expected] ?? issue.expected}.`;
  }
  return `${capitalise(fieldLabel(issue.path ?? [], labels))} ${problemOf(issue)}.`;
}

const VERB_START = /^(must|is|are|has|have|needs?|looks|can|cannot|should|was|were) /;

/**
 * A schema's own message as a sentence: one that reads as a sentence already ("Give the site a
 * name.") stays as written; a fragment ("must be a two-letter ISO 3166 code") follows the field's label.
 */
function finish(message: string, path: readonly PropertyKey[], labels: FieldLabels): string {
  const end = /[.!?]$/.test(message) ? '' : '.';
  if (/^[A-Z]/.test(message)) return `${message}${end}`;
  const label = capitalise(fieldLabel(path, labels));
  if (path.length === 0) return `${capitalise(message)}${end}`;
  // A fragment that starts with a verb reads on from the label; anything else (a quoted value) after a colon.
  return VERB_START.test(message) ? `${label} ${message}${end}` : `${label}: ${message}${end}`;
}

export function validateInput<T extends z.ZodType>(schema: T, value: unknown, labels: FieldLabels = {}): z.infer<T> {
  // Marks the sentences written here, so that `finish` leaves them alone and only a schema's own
  // messages are completed.
  const written = new Set<string>();
  const result = schema.safeParse(value ?? {}, {
    error: (issue) => {
      const sentence = sentenceOf(issue, labels);
      written.add(sentence);
      return sentence;
    },
  });
  if (result.success) return result.data;
  const sentences = result.error.issues.map((issue) =>
    written.has(issue.message) ? issue.message : finish(issue.message, issue.path, labels),
  );
  throw new HttpError(400, 'invalid-input', [...new Set(sentences)].join(' '));
}

/** Route ids are positive integers; anything else cannot name a record, so it is a 404. */
export function parseId(value: unknown, what: string): number {
  const id = typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw notFound(what);
  return id;
}
