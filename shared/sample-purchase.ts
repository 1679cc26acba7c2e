// The made-up purchase every preview shows until a notification has real ones: the admin's template
// preview, the widget preview page (server/admin/preview-payload.ts) and the sample webhooks behind
// "Send test" (server/ingest/sample-webhooks.ts), so they all tell the same story.
import type { Conversion } from './conversion.ts';

export const SAMPLE_PERSON = {
  email: 'maria.garcia@example.com',
  firstName: 'Maria',
  lastName: 'Garcia',
  city: 'Austin',
  state: 'Texas',
  stateCode: 'TX',
  country: 'United States of America',
  countryCode: 'US',
} as const;

export const SAMPLE_PRODUCT = { name: 'Sneakers', link: 'https://shop.example.com/sneakers' } as const;
/** The order's total in major units, and its currency. */
export const SAMPLE_TOTAL = { total: 89, currency: 'USD' } as const;

/** Two more line items than the one shown, so a preview also shows how "and 2 more" reads. */
const SAMPLE_LINES = [
  { name: SAMPLE_PRODUCT.name, price: 76, quantity: 1 },
  { name: 'Socks', price: 9, quantity: 1 },
  { name: 'Laces', price: 4, quantity: 1 },
];

/** The sample as a stored conversion, `at` epoch ms; the ids are the caller's (0 for "none"). */
export function samplePurchase(
  at: number,
  ids: Partial<Pick<Conversion, 'id' | 'notificationId' | 'siteId'>> = {},
): Conversion {
  const { email: _email, ...person } = SAMPLE_PERSON;
  return {
    id: 0,
    notificationId: 0,
    siteId: 0,
    ...ids,
    deliveryId: 0,
    receivedAt: at,
    timestamp: at,
    dedupeKey: null,
    ...person,
    nameDerived: false,
    productName: SAMPLE_PRODUCT.name,
    productLink: SAMPLE_PRODUCT.link,
    ...SAMPLE_TOTAL,
    products: SAMPLE_LINES,
    moreProducts: SAMPLE_LINES.length - 1,
  };
}

/** The sender formats "Send test" can imitate (POST /api/notifications/:id/test), with their labels. */
export const SAMPLE_FORMATS = ['proofhook', 'kajabi', 'form', 'stripe', 'shopify', 'woocommerce'] as const;
export type SampleFormat = (typeof SAMPLE_FORMATS)[number];
/** POST /api/notifications/:id/test: the webhook URL's answer to the sample, as it answered. */
export interface TestReply {
  format: SampleFormat;
  /** The webhook URL's HTTP status. */
  status: number;
  /** Its JSON body: `status` names the outcome (`test` for a sample); `error` says why it was refused. */
  reply: { status?: string; error?: { code?: string; message?: string } };
}

export const SAMPLE_FORMAT_LABELS: Record<SampleFormat, string> = {
  proofhook: 'Proofhook conversion format (JSON)',
  kajabi: 'Kajabi purchase',
  form: 'Form post (Mailchimp style)',
  stripe: 'Stripe checkout.session.completed',
  shopify: 'Shopify orders/create',
  woocommerce: 'WooCommerce order.created',
};
