// The forms senders' profiles, in the order docs/senders.md lists them.
import type { SenderProfile } from '../sender-profile.ts';

export const FORMS_PROFILES: readonly SenderProfile[] = [];
