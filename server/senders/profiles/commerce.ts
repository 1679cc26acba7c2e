// The commerce senders' profiles, in the order docs/senders.md lists them.
import type { SenderProfile } from '../sender-profile.ts';
import { shopifyProfile } from './shopify.profile.ts';

export const COMMERCE_PROFILES: readonly SenderProfile[] = [shopifyProfile];
