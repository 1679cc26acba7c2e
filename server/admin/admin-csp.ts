// Content-Security-Policy for the admin page and for the widget preview it frames. No inline
// script or style anywhere, and Trusted Types enforced, so even a mistaken innerHTML of webhook
// data throws instead of rendering (https://w3c.github.io/trusted-types/dist/spec/).
import type { Response } from 'express';
import helmet from 'helmet';

const TRUSTED_TYPES_ONLY = { requireTrustedTypesFor: ["'script'"], trustedTypes: ["'none'"] };

/** The admin itself: everything from us, nothing inline, and nobody may frame it. */
export function adminPageCsp() {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // Webhook data holds image URLs; the admin shows them as text, never loads them (no tracking pixels).
      imgSrc: ["'self'", 'data:'],
      // The live inspector is Server-Sent Events from the same origin: no WebSocket needed.
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      frameSrc: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      ...TRUSTED_TYPES_ONLY,
    },
  });
}

/**
 * The preview page, framed by the admin: our scripts, the widget's one <style> by nonce, product
 * images as visitors would see them, and no network at all, so the previewed widget can never
 * count an impression or receive another notification's popups.
 */
export function previewPageCsp() {
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce as string}'`;
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'", nonce],
      styleSrc: [nonce],
      imgSrc: ["'self'", 'data:', 'https:'],
      connectSrc: ["'none'"],
      frameAncestors: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      ...TRUSTED_TYPES_ONLY,
    },
  });
}
