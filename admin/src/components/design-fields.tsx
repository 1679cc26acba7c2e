// The popup's design as form fields: colours for the light and dark themes, radius, shadow, font,
// avatar, theme and offsets, with a live mock of the card in both themes and each contrast ratio as
// the owner picks (the server refuses text below 4.5:1, naming both colours).
import type { DesignAvatar, DesignShadow, DesignTheme, WidgetDesign } from '../../../shared/protocol.ts';
import { contrastRatio, MIN_CONTRAST } from '../../../server/notifications/design-defaults.ts';

export type DesignOverrides = Partial<WidgetDesign>;

interface Props {
  /** Prefix for element ids, so a page can hold two sets. */
  id: string;
  /** What the owner changed, over `base`. */
  value: DesignOverrides;
  /** The design underneath: the built-in look for a site, the site's for a notification. */
  base: WidgetDesign;
  onChange(value: DesignOverrides): void;
}

const COLOURS: Array<[keyof WidgetDesign, string]> = [
  ['accent', 'Accent'],
  ['background', 'Background'],
  ['text', 'Text'],
  ['darkAccent', 'Dark theme accent'],
  ['darkBackground', 'Dark theme background'],
  ['darkText', 'Dark theme text'],
];

const CHOICES = {
  theme: [
    ['light', 'Light'],
    ['dark', 'Dark'],
    ['auto', "Follow the visitor's setting"],
  ],
  shadow: [
    ['soft', 'Soft'],
    ['strong', 'Strong'],
    ['none', 'None'],
  ],
  font: [
    ['system', "The system's font"],
    ['inherit', "The page's font"],
  ],
  avatar: [
    ['product', 'Product image, else the initial'],
    ['initial', 'Initial of the first name'],
    ['flag', 'Flag of the country'],
    ['icon', 'Person icon'],
    ['none', 'None'],
  ],
} as const satisfies Record<string, ReadonlyArray<readonly [string, string]>>;

const LABELS: Record<keyof typeof CHOICES, string> = {
  theme: 'Theme',
  shadow: 'Shadow',
  font: 'Font',
  avatar: 'Avatar',
};
const SHADOWS: Record<DesignShadow, string> = {
  none: 'none',
  soft: '0 8px 24px rgba(31, 35, 40, 0.18)',
  strong: '0 12px 36px rgba(0, 0, 0, 0.38)',
};

function Ratio({ label, text, background }: { label: string; text: string; background: string }) {
  const ratio = contrastRatio(text, background);
  const low = ratio < MIN_CONTRAST;
  return (
    <li class={low ? 'error' : undefined}>
      {label}: {(Math.floor(ratio * 100) / 100).toFixed(2)}:1
      {low ? ` (below ${MIN_CONTRAST}:1: it cannot be saved)` : ''}
    </li>
  );
}

/** A mock of the card in one theme, drawn with the chosen colours. */
function MockCard({ design, dark }: { design: WidgetDesign; dark: boolean }) {
  const [background, text, accent] = dark
    ? [design.darkBackground, design.darkText, design.darkAccent]
    : [design.background, design.text, design.accent];
  return (
    <div
      class="design-mock"
      style={{
        background,
        color: text,
        borderRadius: `${design.radiusPx}px`,
        boxShadow: SHADOWS[design.shadow],
        fontFamily: design.font === 'inherit' ? 'inherit' : 'system-ui, sans-serif',
      }}
    >
      {design.avatar !== 'none' && (
        <span class="design-mock-avatar" style={{ background: accent }} aria-hidden="true">
          {design.avatar === 'flag' ? '🇺🇸' : 'M'}
        </span>
      )}
      <span>
        <strong>Maria G. from Austin, US</strong>
        <br />
        purchased Sneakers
        <br />
        <small>3 minutes ago</small>
      </span>
    </div>
  );
}

export function DesignFields({ id, value, base, onChange }: Props) {
  const design: WidgetDesign = { ...base, ...value };
  const set = <K extends keyof WidgetDesign>(key: K, next: WidgetDesign[K]) => onChange({ ...value, [key]: next });
  const number = (key: 'radiusPx' | 'offsetXPx' | 'offsetYPx', label: string, max: number) => (
    <div>
      <label for={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        min={0}
        max={max}
        value={design[key]}
        onInput={(e) => set(key, Math.round(Number(e.currentTarget.value)))}
      />
    </div>
  );
  return (
    <div class="design-fields">
      <div class="grid-fields">
        {COLOURS.map(([key, label]) => (
          <div key={key}>
            <label for={`${id}-${key}`}>{label}</label>
            <input
              id={`${id}-${key}`}
              type="color"
              value={design[key] as string}
              onInput={(e) => set(key, e.currentTarget.value)}
            />
          </div>
        ))}
        {(Object.keys(CHOICES) as Array<keyof typeof CHOICES>).map((key) => (
          <div key={key}>
            <label for={`${id}-${key}`}>{LABELS[key]}</label>
            <select
              id={`${id}-${key}`}
              value={design[key]}
              onChange={(e) => set(key, e.currentTarget.value as DesignTheme & DesignShadow & DesignAvatar)}
            >
              {CHOICES[key].map(([option, text]) => (
                <option key={option} value={option}>
                  {text}
                </option>
              ))}
            </select>
          </div>
        ))}
        {number('radiusPx', 'Corner radius (px)', 32)}
        {number('offsetXPx', 'Distance from the side (px)', 200)}
        {number('offsetYPx', 'Distance from the top or bottom (px)', 200)}
      </div>
      <figure class="design-preview" aria-label="Preview of the design, light and dark">
        <MockCard design={design} dark={false} />
        <MockCard design={design} dark={true} />
      </figure>
      <ul class="hint" aria-live="polite">
        <Ratio label="Text on the background" text={design.text} background={design.background} />
        <Ratio label="Dark theme text on its background" text={design.darkText} background={design.darkBackground} />
      </ul>
    </div>
  );
}
