// The notification's design on a card: colours and radius as custom properties the stylesheet reads
// (light, dark, or both for "auto", which a prefers-color-scheme media query picks), and the
// shadow, font and text direction as attributes. Page-set --proofhook-* properties still win.
import type { WidgetDesign, WidgetText } from '../../../shared/protocol.ts';

const COLOUR = /^#[0-9a-f]{6}$/i;

export function applyLook(card: HTMLElement, design: WidgetDesign | undefined, text: WidgetText | undefined): void {
  if (text?.dir === 'rtl') card.dir = 'rtl';
  if (text?.locale) card.lang = text.locale;
  if (!design) return;
  const colours: Array<[string, string]> = [
    ['--ph-ac', design.accent],
    ['--ph-bg', design.background],
    ['--ph-fg', design.text],
    ['--ph-dac', design.darkAccent],
    ['--ph-dbg', design.darkBackground],
    ['--ph-dfg', design.darkText],
  ];
  // Checked by the server; checked again because a value reaching style must never be more than a colour.
  for (const [name, value] of colours) if (COLOUR.test(value)) card.style.setProperty(name, value);
  if (typeof design.radiusPx === 'number') card.style.setProperty('--ph-r', `${design.radiusPx}px`);
  card.setAttribute('data-theme', design.theme);
  card.setAttribute('data-shadow', design.shadow);
  if (design.font === 'inherit') {
    // The host's `all: initial` cuts inheritance, so the page's font is read and handed over.
    const family = card.ownerDocument.defaultView?.getComputedStyle(card.ownerDocument.body).fontFamily;
    if (family) card.style.setProperty('--ph-font', family);
  }
}
