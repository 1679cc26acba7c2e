// The payments senders' profiles, in the order docs/senders.md lists them.
import type { SenderProfile } from '../sender-profile.ts';
import { gumroadProfile } from './gumroad.profile.ts';
import { lemonSqueezyProfile } from './lemon-squeezy.profile.ts';
import { mollieProfile } from './mollie.profile.ts';
import { paddleBillingProfile } from './paddle-billing.profile.ts';
import { paddleClassicProfile } from './paddle-classic.profile.ts';
import { paypalIpnProfile } from './paypal-ipn.profile.ts';
import { paypalRestProfile } from './paypal-rest.profile.ts';
import { razorpayProfile } from './razorpay.profile.ts';
import { squareProfile } from './square.profile.ts';
import { stripeProfile } from './stripe.profile.ts';

export const PAYMENTS_PROFILES: readonly SenderProfile[] = [
  stripeProfile,
  paypalIpnProfile,
  paypalRestProfile,
  paddleClassicProfile,
  paddleBillingProfile,
  lemonSqueezyProfile,
  gumroadProfile,
  mollieProfile,
  razorpayProfile,
  squareProfile,
];
