// A popup's design: per site, with per-notification overrides, validated here (the contrast rule and
// the defaults live in design-defaults.ts, which the admin page bundles too).
import { z } from 'zod';
import type { WidgetDesign } from '../../shared/protocol.ts';
import { DEFAULT_DESIGN } from './design-defaults.ts';

export { contrastProblem, contrastRatio, DEFAULT_DESIGN, MIN_CONTRAST } from './design-defaults.ts';

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
export function mergeDesign(...layers: Array<DesignPatch | null | undefined>): WidgetDesign {
  const design: WidgetDesign = { ...DEFAULT_DESIGN };
  for (const layer of layers) {
    // The position travels in the display rules, where the widget has always read it.
    const { position: _position, ...rest } = layer ?? {};
    Object.assign(design, rest);
  }
  return design;
}
