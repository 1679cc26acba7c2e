// Zapier's "Webhooks by Zapier" POST action (https://help.zapier.com/hc/en-us/articles/8496326446989-Send-webhooks-in-Zaps): a flat JSON
// or form body whose keys are whatever the Zap's author mapped, sent with the User-Agent "Zapier". Nothing in the
// body is certain, so the profile only names the sender; detection reads the fields.
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

export const zapierProfile: SenderProfile = {
  id: 'zapier',
  name: 'Zapier',
  docs: 'https://help.zapier.com/hc/en-us/articles/8496326446989-Send-webhooks-in-Zaps',
  userAgents: ['zapier'],
  relay: true,
  matches: ({ headers }) => /^zapier\b/i.test(headers['user-agent'] ?? ''),
  read: ({ body }) => readingOf(body).done(),
};
