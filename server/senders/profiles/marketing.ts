// The marketing senders' profiles, in the order docs/senders.md lists them.
import type { SenderProfile } from '../sender-profile.ts';

export const MARKETING_PROFILES: readonly SenderProfile[] = [];
