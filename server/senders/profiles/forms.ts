// The forms senders' profiles, in the order docs/senders.md lists them.
import type { SenderProfile } from '../sender-profile.ts';
import { contactForm7Profile } from './contact-form-7.profile.ts';
import { elementorProfile } from './elementor.profile.ts';
import { googleAppsScriptProfile } from './google-apps-script.profile.ts';
import { gravityFormsProfile } from './gravity-forms.profile.ts';
import { jotformProfile } from './jotform.profile.ts';
import { tallyProfile } from './tally.profile.ts';
import { typeformProfile } from './typeform.profile.ts';
import { unbounceProfile } from './unbounce.profile.ts';
import { webflowProfile } from './webflow.profile.ts';
import { wpformsProfile } from './wpforms.profile.ts';
import { wufooProfile } from './wufoo.profile.ts';

// WordPress plugins share the "WordPress/x.y" User-Agent: each confirms its own body shape, the
// most specific first (Elementor's meta before WPForms' fields).
export const FORMS_PROFILES: readonly SenderProfile[] = [
  typeformProfile,
  jotformProfile,
  tallyProfile,
  googleAppsScriptProfile,
  gravityFormsProfile,
  elementorProfile,
  contactForm7Profile,
  wpformsProfile,
  wufooProfile,
  unbounceProfile,
  webflowProfile,
];
