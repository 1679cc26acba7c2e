// A popup's design: per site, with per-notification overrides, checked here so that no saved design
// leaves text unreadable. Contrast follows WCAG 2.2 (1.4.3, level AA: 4.5:1 for normal text).
import { z } from 'zod';
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
  avatar: 'initial',
  theme: 'light',
  offsetXPx: 16,
  offsetYPx: 16,
};

export const MIN_CONTRAST = 4.5;

const colour = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Write colours as # and six hex digits, such as #0b5cad.')
  .transform((value) => value.toLowerCase());
const offset = z.number().int().min(0).max(200);

export const designPatchSchema = z
  .object({
    accent: colour,
    background: colour,
    text: colour,
    darkAccent: colour,
    darkBackground: colour,
    darkText: colour,
    radiusPx: z.number().int().min(0).max(32),
    shadow: z.enum(['none', 'soft', 'strong']),
    font: z.enum(['inherit', 'system']),
    avatar: z.enum(['initial', 'product', 'flag', 'icon', 'none']),
    theme: z.enum(['light', 'dark', 'auto']),
    offsetXPx: offset,
    offsetYPx: offset,
    /** Site-wide corner; a notification's own `position` rule wins. */
    position: z.enum(['bottom-left', 'bottom-right', 'top-left', 'top-right']),
  })
  .partial()
  .strict();

export type DesignPatch = z.infer<typeof designPatchSchema>;

/** Words for the design fields in refusal sentences. */
export const DESIGN_LABELS = {
  accent: 'the accent colour',
  background: 'the background colour',
  text: 'the text colour',
  darkAccent: 'the dark theme accent colour',
  darkBackground: 'the dark theme background colour',
  darkText: 'the dark theme text colour',
  radiusPx: 'the corner radius in pixels',
  shadow: 'the shadow',
  font: 'the font',
  avatar: 'the avatar style',
  theme: 'the theme',
  offsetXPx: 'the distance from the side in pixels',
  offsetYPx: 'the distance from the top or bottom in pixels',
  position: 'the position',
} as const;

/** Site design first, then the notification's overrides, over the built-in look. */
export function mergeDesign(...layers: Array<DesignPatch | undefined>): WidgetDesign {
  const design: WidgetDesign = { ...DEFAULT_DESIGN };
  for (const layer of layers) {
    // The position travels in the display rules, where the widget has always read it.
    const { position: _position, ...rest } = layer ?? {};
    Object.assign(design, rest);
  }
  return design;
}

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
