// The courses senders' profiles, in the order docs/senders.md lists them.
import type { SenderProfile } from '../sender-profile.ts';
import { calendlyProfile } from './calendly.profile.ts';
import { clickfunnelsProfile } from './clickfunnels.profile.ts';
import { hotmartProfile } from './hotmart.profile.ts';
import { kajabiProfile } from './kajabi.profile.ts';
import { kartraProfile } from './kartra.profile.ts';
import { samcartProfile } from './samcart.profile.ts';
import { systemeIoProfile } from './systeme-io.profile.ts';
import { teachableProfile } from './teachable.profile.ts';
import { thinkificProfile } from './thinkific.profile.ts';
import { thrivecartProfile } from './thrivecart.profile.ts';

export const COURSES_PROFILES: readonly SenderProfile[] = [
  kajabiProfile,
  teachableProfile,
  thinkificProfile,
  kartraProfile,
  clickfunnelsProfile,
  systemeIoProfile,
  hotmartProfile,
  thrivecartProfile,
  samcartProfile,
  calendlyProfile,
];
