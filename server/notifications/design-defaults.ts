// The popup's built-in look and the contrast rule every saved design must pass: WCAG 2.2 success
// criterion 1.4.3 (level AA), 4.5:1 for normal text. Free of zod and Node APIs: the admin page bundles
// it to show the ratio while the owner picks colours.
import type { WidgetDesign } from '../../shared/protocol.ts';

/** The built-in look: the same colours the stylesheet falls back to (contrast 15.8:1 light, 13.9:1 dark). */
export const DEFAULT_DESIGN: WidgetDesign = {
  accent: '#0b5cad',
  background: '#ffffff',
  text: '#1f2328',
  darkAccent: '#4493f8',
  darkBackground: '#1f2328',
  darkText: '#f0f3f6',
  radiusPx: 12,
  shadow: 'soft',
  font: 'system',
  // The product's image when the conversion has one, else the first name's initial (as before designs).
  avatar: 'product',
  theme: 'light',
  offsetXPx: 16,
  offsetYPx: 16,
};

export const MIN_CONTRAST = 4.5;

function luminance(hex: string): number {
  const channel = (start: number) => {
    const value = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Floors to two decimals, so 4.496 reads "4.49:1" and never rounds up to a passing "4.50:1". */
const ratioText = (ratio: number) => `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;

/**
 * A sentence naming both colours and their ratio when text would be hard to read, else undefined.
 * Both themes are checked, because "auto" shows the dark one to visitors who prefer it.
 */
export function contrastProblem(design: WidgetDesign): string | undefined {
  const pairs = [
    ['text colour', design.text, 'background', design.background],
    ['dark theme text colour', design.darkText, 'dark theme background', design.darkBackground],
  ] as const;
  for (const [textName, text, backgroundName, background] of pairs) {
    const ratio = contrastRatio(text, background);
    if (ratio < MIN_CONTRAST) {
      return `The ${textName} ${text} on the ${backgroundName} ${background} has a contrast of ${ratioText(ratio)}; make it at least ${MIN_CONTRAST}:1 so every visitor can read it.`;
    }
  }
  return undefined;
}
