// n8n's HTTP Request node (https://docs.n8n.io/integrations/builtin/core-nodes/n8n-nodes-base.httprequest/): a body
// the workflow's author mapped, sent with n8n's default User-Agent "n8n" (the RFC-style "Mozilla/5.0 (compatible;
// n8n/…)" one is opt-in and not recognised). Nothing in the body is certain, so the profile only names the sender;
// detection reads the fields.
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

export const n8nProfile: SenderProfile = {
  id: 'n8n',
  name: 'n8n',
  docs: 'https://docs.n8n.io/integrations/builtin/core-nodes/n8n-nodes-base.httprequest/',
  userAgents: ['n8n'],
  relay: true,
  matches: ({ headers }) => /^n8n(?:\/|$)/i.test((headers['user-agent'] ?? '').trim()),
  read: ({ body }) => readingOf(body).done(),
};
