// The commerce senders' profiles, in the order docs/senders.md lists them.
import type { SenderProfile } from '../sender-profile.ts';
import { bigcommerceProfile } from './bigcommerce.profile.ts';
import { ecwidProfile } from './ecwid.profile.ts';
import { eventbriteProfile } from './eventbrite.profile.ts';
import { shopifyProfile } from './shopify.profile.ts';
import { squarespaceProfile } from './squarespace.profile.ts';
import { wixProfile } from './wix.profile.ts';
import { woocommerceProfile } from './woocommerce.profile.ts';

export const COMMERCE_PROFILES: readonly SenderProfile[] = [
  shopifyProfile,
  woocommerceProfile,
  bigcommerceProfile,
  ecwidProfile,
  wixProfile,
  squarespaceProfile,
  eventbriteProfile,
];
