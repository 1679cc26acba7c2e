// Stacklii site builder webhooks, from its help page "Introduction to Webhooks"
// (https://docs.stacklii.com/external-integrations/introduction-to-webhooks). Stacklii resells the same
// website-builder engine as Ziva (same events, same bodies), so the reading is Ziva's; a body is Stacklii's
// when the site it names is on a stacklii.com host. Listed before Ziva so that such bodies get its name.
import type { SenderProfile } from '../sender-profile.ts';
import { isSiteBuilderWebhook, readSiteBuilderWebhook, siteHostsOf } from './ziva.profile.ts';

const isStackliiHost = (host: string) => host === 'stacklii.com' || host.endsWith('.stacklii.com');

export const stackliiProfile: SenderProfile = {
  id: 'stacklii',
  name: 'Stacklii',
  docs: 'https://docs.stacklii.com/external-integrations/introduction-to-webhooks',
  bodyKeys: ['website', 'event'],
  matches: ({ body }) => isSiteBuilderWebhook(body) && siteHostsOf(body).some(isStackliiHost),
  read: (request) => readSiteBuilderWebhook(request, 'stacklii'),
};
