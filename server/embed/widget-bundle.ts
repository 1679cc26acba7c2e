// The built widget script, with the content hash for its immutable URL and the SRI digest for the snippet.
import { createHash } from 'node:crypto';
import fs from 'node:fs';

export interface WidgetBundle {
  code: Buffer;
  /** First 12 hex digits of the SHA-256: changes whenever the file does. */
  hash: string;
  /** Subresource Integrity value for the script tag. */
  integrity: string;
}

export function toWidgetBundle(code: Buffer): WidgetBundle {
  return {
    code,
    hash: createHash('sha256').update(code).digest('hex').slice(0, 12),
    integrity: `sha384-${createHash('sha384').update(code).digest('base64')}`,
  };
}

/** Undefined when the widget has not been built (`npm run build`). */
export function readWidgetBundle(file: string): WidgetBundle | undefined {
  try {
    return toWidgetBundle(fs.readFileSync(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function widgetScriptUrl(baseUrl: string, bundle: WidgetBundle): string {
  return `${baseUrl}/widget.${bundle.hash}.js`;
}

/** The whole install: one async script tag, pinned by content hash and integrity. */
export function embedSnippet(baseUrl: string, bundle: WidgetBundle | undefined, widgetKey: string): string {
  if (!bundle) return `<script src="${baseUrl}/widget.js" data-key="${widgetKey}" async></script>`;
  return `<script src="${widgetScriptUrl(baseUrl, bundle)}" data-key="${widgetKey}" integrity="${bundle.integrity}" crossorigin="anonymous" async></script>`;
}
