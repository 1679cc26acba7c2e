// The automation senders' profiles, in the order docs/senders.md lists them.
import type { SenderProfile } from '../sender-profile.ts';

export const AUTOMATION_PROFILES: readonly SenderProfile[] = [];
