// Make (formerly Integromat) HTTP app's "Make a request" module (https://apps.make.com/http): a body the scenario's
// author mapped, sent with the User-Agent "Make/production" ("Integromat/production" before the rename). Nothing in
// the body is certain, so the profile only names the sender; detection reads the fields.
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

export const makeProfile: SenderProfile = {
  id: 'make',
  name: 'Make',
  docs: 'https://apps.make.com/http',
  userAgents: ['make', 'integromat'],
  relay: true,
  matches: ({ headers }) => /^(?:make|integromat)\//i.test(headers['user-agent'] ?? ''),
  read: ({ body }) => readingOf(body).done(),
};
