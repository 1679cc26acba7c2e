// Turns admin input into typed values or a 400 with a message that names the bad field.
import type { z } from 'zod';
import { HttpError, notFound } from './errors.ts';

export function validateInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const message = result.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  throw new HttpError(400, 'invalid-input', message);
}

/** Route ids are positive integers; anything else cannot name a record, so it is a 404. */
export function parseId(value: unknown, what: string): number {
  const id = typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw notFound(what);
  return id;
}
