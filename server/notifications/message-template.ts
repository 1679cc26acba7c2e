// Message templates: "purchased {{product}} || signed up" — the first alternative whose
// variables are all present is used, so one template copes with orders and bare sign-ups.

export const TEMPLATE_VARIABLES = [
  'name',
  'firstName',
  'lastInitial',
  'city',
  'state',
  'country',
  'countryCode',
  'location',
  'product',
  'productName',
  'moreProducts',
  'total',
  'currency',
  'count',
  'window',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

export const DEFAULT_TEMPLATES = {
  stream: 'purchased {{product}} || signed up',
  conversion: '{{count}} people signed up in the last {{window}}',
  visitors: '{{count}} people are viewing this site right now',
} as const;

/** The popup's first line; not configurable yet, but rendered by the same rules. */
export const TITLE_TEMPLATE = '{{name}} from {{location}} || {{name}} || Someone from {{location}} || Someone';

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const MAX_TEMPLATE_LENGTH = 300;

/** Returns a sentence saying why the template cannot be used, else undefined. */
export function validateTemplate(template: string): string | undefined {
  if (template.trim() === '') return 'Write the message: the template is empty.';
  if (template.length > MAX_TEMPLATE_LENGTH) {
    return `Keep the message template to ${MAX_TEMPLATE_LENGTH} characters or fewer.`;
  }
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) {
      const known = TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ');
      return `The template has an unknown variable {{${name}}}: use one of ${known}.`;
    }
  }
  return undefined;
}

/** Renders plain text (the widget inserts it with textContent). */
export function renderTemplate(template: string, values: TemplateValues): string {
  const alternatives = template.split('||').map((part) => part.trim());
  for (const alternative of alternatives) {
    let missing = false;
    const text = alternative.replace(PLACEHOLDER, (_whole, name: string) => {
      const value = values[name as TemplateVariable];
      if (value === undefined || value === '') missing = true;
      return value ?? '';
    });
    if (!missing) return text.replace(/\s+/g, ' ').trim();
  }
  return '';
}
