// Reads the embed tag: <script src=".../widget.js" data-key="…" [data-server] [data-debug] [data-nonce] [data-position]
// [data-lang] [data-offline] async>, and a preview token from the page's own URL.
import type { PopupPosition } from '../../shared/protocol.ts';
import { toHttpUrl } from './url.ts';

export interface WidgetConfig {
  /** The site's public widget key (never the ingest token). Empty when the tag has none. */
  key: string;
  /** Origin, plus a path prefix if any: where /socket.io/ lives. */
  server: string;
  debug: boolean;
  nonce: string | undefined;
  position: PopupPosition | undefined;
  /** No socket at all: the page feeds the widget through `window.__proofhook.receive` (the admin's preview). */
  offline: boolean;
  /** From `?proofhook-preview=<token>` in the page URL: the owner's own preview of their site. */
  preview: string | undefined;
  /** `data-lang`: the popup's language whatever `<html lang>` says; '' when the tag has none. */
  lang: string;
}

const PREVIEW_PARAM = 'proofhook-preview';
const MAX_PREVIEW_TOKEN_LENGTH = 200;

function previewToken(pageUrl: string): string | undefined {
  try {
    const token = new URL(pageUrl).searchParams.get(PREVIEW_PARAM)?.trim();
    return token && token.length <= MAX_PREVIEW_TOKEN_LENGTH ? token : undefined;
  } catch {
    return undefined;
  }
}

const POSITIONS: readonly PopupPosition[] = ['bottom-left', 'bottom-right', 'top-left', 'top-right'];

export function readScriptConfig(script: HTMLScriptElement, pageUrl: string): WidgetConfig {
  const data = (name: string) => script.getAttribute(`data-${name}`)?.trim() ?? '';
  const scriptUrl = toHttpUrl(script.src, pageUrl) ?? pageUrl;
  // Default: the folder the script came from, i.e. its origin for https://host/widget.js, and
  // https://host/prefix for a server behind a path prefix (https://host/prefix/widget.<hash>.js).
  const server = (toHttpUrl(data('server'), scriptUrl) ?? new URL('.', scriptUrl).href)
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  const position = data('position') as PopupPosition;
  const flag = (name: string) => script.hasAttribute(`data-${name}`) && data(name) !== 'false';
  // Browsers hide the nonce attribute once the script runs; the property keeps it.
  const nonce = script.nonce || script.getAttribute('nonce') || data('nonce') || undefined;
  return {
    key: data('key'),
    server,
    debug: flag('debug'),
    nonce,
    position: POSITIONS.includes(position) ? position : undefined,
    offline: flag('offline'),
    preview: previewToken(pageUrl),
    lang: data('lang').slice(0, 35),
  };
}
