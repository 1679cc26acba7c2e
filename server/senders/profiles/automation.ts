// The automation senders' profiles, in the order docs/senders.md lists them.
import type { SenderProfile } from '../sender-profile.ts';
import { makeProfile } from './make.profile.ts';
import { n8nProfile } from './n8n.profile.ts';
import { zapierProfile } from './zapier.profile.ts';

export const AUTOMATION_PROFILES: readonly SenderProfile[] = [zapierProfile, makeProfile, n8nProfile];
