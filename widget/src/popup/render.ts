// Builds one popup card with DOM calls only: untrusted text via textContent, http(s)-only links and images.
import { formatRelativeTime, initialOf } from '../format.ts';
import type { DisplayItem } from '../items.ts';
import { toHttpUrl } from '../url.ts';

export interface RenderOptions {
  locale: string;
  now: number;
  /** Base for relative product URLs: the page's address. */
  baseUrl: string;
  /** Narrow screens: a one-strip layout. */
  compact: boolean;
  /** Which screen edge the card sits on, so it slides in from there. */
  edge: 'top' | 'bottom';
}

export interface RenderedCard {
  card: HTMLElement;
  close: HTMLButtonElement;
  link: HTMLAnchorElement | undefined;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
// A head and shoulders, a rising chart and a cross: constant markup, built with DOM calls like everything else.
// The cross is drawn rather than typed as U+00D7 so the bundle stays ASCII, whatever charset a page assumes.
const ICON_PERSON = 'M12 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10Zm0 2c-4.4 0-8 2.2-8 5v3h16v-3c0-2.8-3.6-5-8-5Z';
const ICON_CHART = 'M3 20h18v2H3v-2Zm2-2V11h3v7H5Zm5.5 0V6h3v12h-3ZM16 18V2h3v16h-3Z';
const ICON_CROSS = 'M6 6l12 12M18 6 6 18';

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  node.className = className;
  return node;
}

function text(doc: Document, className: string, value: unknown): HTMLElement {
  const node = element(doc, 'span', className);
  node.textContent = typeof value === 'string' ? value : '';
  return node;
}

function icon(doc: Document, path: string): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const shape = doc.createElementNS(SVG_NS, 'path');
  shape.setAttribute('d', path);
  svg.appendChild(shape);
  return svg;
}

export function renderAvatar(doc: Document, item: DisplayItem, baseUrl: string): HTMLElement {
  const avatar = element(doc, 'span', 'avatar');
  avatar.setAttribute('aria-hidden', 'true');
  if (item.type === 'visitors') {
    avatar.classList.add('live');
    return avatar;
  }
  if (item.type === 'counter') {
    avatar.appendChild(icon(doc, ICON_CHART));
    return avatar;
  }
  const initial = initialOf(item.conversion.firstName);
  const fallback = () => {
    avatar.textContent = '';
    if (initial) avatar.textContent = initial;
    else avatar.appendChild(icon(doc, ICON_PERSON));
  };
  const src = toHttpUrl(item.conversion.productImage, baseUrl);
  if (!src) {
    fallback();
    return avatar;
  }
  const image = doc.createElement('img');
  image.alt = '';
  image.setAttribute('referrerpolicy', 'no-referrer');
  image.setAttribute('loading', 'eager');
  image.setAttribute('decoding', 'async');
  // A dead or CSP-blocked image falls back to the initial rather than a broken-image box.
  image.addEventListener('error', () => {
    try {
      fallback();
    } catch {
      // never into the page
    }
  });
  image.src = src;
  avatar.appendChild(image);
  return avatar;
}

/** Our own words, never the server's: "Preview" on the owner's preview, "Test" on a test event. */
function renderBadges(doc: Document, item: DisplayItem): HTMLElement | undefined {
  const labels: string[] = [];
  if (item.preview) labels.push('Preview');
  if (item.type === 'conversion' && item.conversion.test === true) labels.push('Test');
  if (labels.length === 0) return undefined;
  const line = element(doc, 'span', 'badges');
  for (const label of labels) line.appendChild(text(doc, 'badge', label));
  return line;
}

export function renderText(doc: Document, item: DisplayItem, options: RenderOptions): HTMLElement {
  const box = element(doc, 'span', 'text');
  const badges = renderBadges(doc, item);
  if (badges) box.appendChild(badges);
  if (item.type === 'counter') {
    box.appendChild(text(doc, 'title', item.counter.message));
  } else if (item.type === 'visitors') {
    box.appendChild(text(doc, 'title', item.visitors.message));
  } else {
    const { conversion } = item;
    box.append(text(doc, 'title', conversion.title), text(doc, 'message', conversion.message));
    const date = new Date(conversion.timestamp);
    if (typeof conversion.timestamp === 'number' && !Number.isNaN(date.getTime())) {
      const time = element(doc, 'time', 'time');
      time.dateTime = date.toISOString();
      time.textContent = formatRelativeTime(conversion.timestamp, options.now, options.locale);
      box.appendChild(time);
    }
  }
  return box;
}

export function renderCard(doc: Document, item: DisplayItem, options: RenderOptions): RenderedCard {
  const card = element(doc, 'div', 'card');
  card.setAttribute('data-edge', options.edge);
  if (options.compact) card.setAttribute('data-compact', '');

  const href = item.type === 'conversion' ? toHttpUrl(item.conversion.productLink, options.baseUrl) : undefined;
  let link: HTMLAnchorElement | undefined;
  let body: HTMLElement;
  if (href) {
    // Same tab, as a normal link on the page would; noopener in case a page script adds a target.
    link = element(doc, 'a', 'body');
    link.href = href;
    link.rel = 'noopener';
    body = link;
  } else {
    body = element(doc, 'div', 'body');
  }
  body.append(renderAvatar(doc, item, options.baseUrl), renderText(doc, item, options));

  const close = element(doc, 'button', 'close');
  close.type = 'button';
  close.setAttribute('aria-label', 'Dismiss notification');
  close.appendChild(icon(doc, ICON_CROSS));

  card.append(body, close);
  return { card, close, link };
}
