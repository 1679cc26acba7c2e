// Puts the host on the page: a custom element with an open shadow root holding the stylesheet and the live region.
import type { PopupPosition } from '../../../shared/protocol.ts';
import { STYLES } from './css.ts';

export const HOST_TAG = 'proofhook-widget';
const EDGE = '16px';
const MOBILE_EDGE = '8px';

export interface Mounted {
  host: HTMLElement;
  root: ShadowRoot;
  /** role="status": present from the start, because screen readers only announce changes to an existing region. */
  region: HTMLElement;
}

/**
 * Page CSS still reaches the host element itself (`* { all: unset }`, `!important` rules beat `:host`),
 * so the styles it cannot do without go inline with !important, which no page stylesheet outranks.
 */
function setImportant(element: HTMLElement, styles: Record<string, string>): void {
  for (const name in styles) element.style.setProperty(name, styles[name] as string, 'important');
}

export function mountWidget(doc: Document, nonce: string | undefined): Mounted {
  try {
    // Defined, so that `:not(:defined)` rules on the page do not apply; a stale copy may have defined it already.
    const registry = doc.defaultView?.customElements;
    if (registry && !registry.get(HOST_TAG)) registry.define(HOST_TAG, class extends HTMLElement {});
  } catch {
    // an undefined custom element still takes a shadow root
  }
  const host = doc.createElement(HOST_TAG);
  setImportant(host, {
    all: 'initial',
    position: 'fixed',
    'z-index': '2147483647',
    display: 'block',
    visibility: 'visible',
    opacity: '1',
    transform: 'none',
    // Only the card takes pointer events: the host's box never blocks the page.
    'pointer-events': 'none',
  });
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  if (nonce) style.setAttribute('nonce', nonce);
  style.textContent = STYLES;
  const region = doc.createElement('div');
  region.className = 'region';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  root.append(style, region);
  doc.body.appendChild(host);
  return { host, root, region };
}

/** Pins the host to a corner, or to a full-width strip on narrow screens; returns the edge it sits on. */
export function placeHost(
  host: HTMLElement,
  position: PopupPosition,
  mobile: 'top' | 'bottom' | undefined,
  /** The design's distance from the side and from the top or bottom, in px (not on the phone strip). */
  offsets?: [number, number],
): 'top' | 'bottom' {
  const vertical = mobile ?? (position.startsWith('top') ? 'top' : 'bottom');
  const horizontal = position.endsWith('left') ? 'left' : 'right';
  const px = (value: number | undefined) => (typeof value === 'number' && value >= 0 ? `${value}px` : EDGE);
  const side = mobile ? MOBILE_EDGE : px(offsets?.[0]);
  const edge = mobile ? MOBILE_EDGE : px(offsets?.[1]);
  setImportant(host, {
    top: vertical === 'top' ? edge : 'auto',
    bottom: vertical === 'bottom' ? edge : 'auto',
    left: mobile || horizontal === 'left' ? side : 'auto',
    right: mobile || horizontal === 'right' ? side : 'auto',
  });
  return vertical;
}
