// Builds one popup card with DOM calls only: untrusted text via textContent, http(s)-only links and images.
import { formatRelativeTime, initialOf } from '../format.ts';
import type { DisplayItem } from '../items.ts';
import { conversionValues, countValues, fill } from '../locale.ts';
import { toHttpUrl } from '../url.ts';
import { applyLook } from './look.ts';

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

/** A country's flag emoji from its two-letter code (regional indicator symbols). */
function flagOf(code: unknown): string | undefined {
  if (typeof code !== 'string' || !/^[A-Za-z]{2}$/.test(code)) return undefined;
  return String.fromCodePoint(...Array.from(code.toUpperCase(), (letter) => 0x1f1a5 + letter.charCodeAt(0)));
}

export function renderAvatar(doc: Document, item: DisplayItem, baseUrl: string): HTMLElement {
  const avatar = element(doc, 'span', 'avatar');
  avatar.setAttribute('aria-hidden', 'true');
  const style = item.notification.design?.avatar ?? 'product';
  if (style === 'none') {
    avatar.hidden = true;
    return avatar;
  }
  if (item.type === 'visitors') {
    avatar.classList.add('live');
    return avatar;
  }
  if (item.type === 'counter') {
    avatar.appendChild(icon(doc, ICON_CHART));
    return avatar;
  }
  const initial = style === 'icon' ? undefined : initialOf(item.conversion.firstName);
  const flag = style === 'flag' ? flagOf(item.conversion.countryCode) : undefined;
  const fallback = () => {
    avatar.textContent = '';
    if (flag || initial) avatar.textContent = (flag || initial) as string;
    else avatar.appendChild(icon(doc, ICON_PERSON));
  };
  const src = style === 'product' ? toHttpUrl(item.conversion.productImage, baseUrl) : undefined;
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

/** Our own labels, in the page's language when the server sent its words: "Preview", "Test". */
function renderBadges(doc: Document, item: DisplayItem): HTMLElement | undefined {
  const labels: string[] = [];
  const words = item.notification.text;
  if (item.preview) labels.push(words?.previewLabel || 'Preview');
  if (item.type === 'conversion' && item.conversion.test === true) labels.push(words?.testLabel || 'Test');
  if (labels.length === 0) return undefined;
  const line = element(doc, 'span', 'badges');
  for (const label of labels) line.appendChild(text(doc, 'badge', label));
  return line;
}

export function renderText(doc: Document, item: DisplayItem, options: RenderOptions): HTMLElement {
  const box = element(doc, 'span', 'text');
  const badges = renderBadges(doc, item);
  if (badges) box.appendChild(badges);
  // With the server's words the lines are rendered here, in the page's language; the server's own
  // rendering (its default language) stays the fallback, and an empty result falls back to it too.
  const words = item.notification.text;
  const line = (values: Record<string, string | undefined>, template: string | undefined, rendered: string) =>
    (words && template && fill(template, values)) || rendered;
  if (item.type === 'counter') {
    const { counter } = item;
    box.appendChild(
      text(
        doc,
        'title',
        line(countValues(counter.count, counter.windowMs, options.locale), words?.message, counter.message),
      ),
    );
  } else if (item.type === 'visitors') {
    const { visitors } = item;
    box.appendChild(
      text(doc, 'title', line(countValues(visitors.count, 0, options.locale), words?.message, visitors.message)),
    );
  } else {
    const { conversion } = item;
    const values = words ? conversionValues(conversion, words, options.locale) : {};
    box.append(
      text(doc, 'title', line(values, words?.title, conversion.title)),
      text(doc, 'message', line(values, words?.message, conversion.message)),
    );
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
  applyLook(card, item.notification.design, item.notification.text);
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
  close.setAttribute('aria-label', item.notification.text?.close || 'Dismiss notification');
  close.appendChild(icon(doc, ICON_CROSS));

  card.append(body, close);
  return { card, close, link };
}
