// The shape of one sender fixture (test/fixtures/senders/*.json): a request as the sender sends it,
// written from the sender's documentation page, and the fields Proofhook must read from it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import qs from 'qs';

export interface SenderFixture {
  /** The sender's product name. */
  sender: string;
  /** The documentation page the payload and headers follow. */
  docs: string;
  /** The profile that must recognise it; null when detection alone must read it right. */
  profile: string | null;
  /** When the request arrives (ISO 8601); sender times must not be later than a day after it. */
  receivedAt?: string;
  request: {
    method?: string;
    /** Every header the sender sends, lower-case names; content-type decides how `body` is encoded. */
    headers: Record<string, string>;
    /** JSON, or a form's fields (encoded with qs brackets when content-type is form-urlencoded). */
    body?: unknown;
    /** The exact body text, when it is not JSON or a form (a JWT, a text body). */
    bodyText?: string;
  };
  expect: {
    outcome: 'accepted' | 'ignored';
    /** Every field the payload carries, as normalized (total in major units, timestamp ISO 8601). */
    normalized: Record<string, unknown>;
    /** Fields that must not be found (a merchant's email is not the buyer's…). */
    absent?: string[];
  };
}

export const SENDER_FIXTURE_DIR = path.join(import.meta.dirname, '../fixtures/senders');

export function loadSenderFixtures(): { file: string; fixture: SenderFixture }[] {
  return readdirSync(SENDER_FIXTURE_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      fixture: JSON.parse(readFileSync(path.join(SENDER_FIXTURE_DIR, file), 'utf8')) as SenderFixture,
    }));
}

/** The bytes the sender would put on the wire. */
export function encodeFixtureBody(fixture: SenderFixture): string {
  const { body, bodyText, headers } = fixture.request;
  if (bodyText !== undefined) return bodyText;
  if (body === undefined) return '';
  const type = headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return qs.stringify(body, { encodeValuesOnly: true });
  return JSON.stringify(body);
}
