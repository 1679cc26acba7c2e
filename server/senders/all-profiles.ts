// Every sender profile, grouped by the kind of tool; createApp builds the recognition index from this list.
import { AUTOMATION_PROFILES } from './profiles/automation.ts';
import { COMMERCE_PROFILES } from './profiles/commerce.ts';
import { COURSES_PROFILES } from './profiles/courses.ts';
import { FORMS_PROFILES } from './profiles/forms.ts';
import { MARKETING_PROFILES } from './profiles/marketing.ts';
import { PAYMENTS_PROFILES } from './profiles/payments.ts';
import type { SenderProfile } from './sender-profile.ts';

export const ALL_SENDER_PROFILES: readonly SenderProfile[] = [
  ...COMMERCE_PROFILES,
  ...PAYMENTS_PROFILES,
  ...COURSES_PROFILES,
  ...FORMS_PROFILES,
  ...MARKETING_PROFILES,
  ...AUTOMATION_PROFILES,
];
