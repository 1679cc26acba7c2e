// The marketing senders' profiles, in the order docs/senders.md lists them. The site builders' webhooks (Stacklii,
// Ziva) are forms and contacts first, so they sit here; Stacklii comes before Ziva because both read the same engine's
// bodies and Stacklii's is the narrower match.
import type { SenderProfile } from '../sender-profile.ts';
import { activecampaignProfile } from './activecampaign.profile.ts';
import { hubspotProfile } from './hubspot.profile.ts';
import { kitProfile } from './kit.profile.ts';
import { mailchimpProfile } from './mailchimp.profile.ts';
import { mailerliteProfile } from './mailerlite.profile.ts';
import { stackliiProfile } from './stacklii.profile.ts';
import { zivaProfile } from './ziva.profile.ts';

export const MARKETING_PROFILES: readonly SenderProfile[] = [
  kitProfile,
  mailchimpProfile,
  activecampaignProfile,
  hubspotProfile,
  mailerliteProfile,
  stackliiProfile,
  zivaProfile,
];
