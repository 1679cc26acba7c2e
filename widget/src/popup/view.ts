// The popup on screen: one card at a time in the host; hover/focus pause, Esc dismisses, the button closes, clicks report.
import type { PopupPosition } from '../../../shared/protocol.ts';
import { pageLocale } from '../format.ts';
import type { Display, DisplayItem } from '../items.ts';
import { intlLocale } from '../locale.ts';
import { guard, type Log } from '../log.ts';
import { applyLook } from './look.ts';
import { type Mounted, placeHost } from './mount.ts';
import { type RenderOptions, renderAvatar, renderCard, renderText } from './render.ts';

export interface PopupOptions {
  doc: Document;
  mounted: Mounted;
  log: Log;
  /** `data-position` on the script tag overrides every notification's position. */
  position: PopupPosition | undefined;
  now(): number;
  isNarrow(): boolean;
  reducedMotion(): boolean;
  /** The language the page asked for (`data-lang`, `<html lang>`): its region formats times and numbers. */
  lang?: string;
}

/** Matches the .out animation in css.ts. */
const LEAVE_MS = 200;
/**
 * How long the region stays quiet after an in-place update. Screen readers pick up live-region changes
 * when the browser next updates its accessibility tree, not synchronously, so "off" must outlast that.
 */
const QUIET_MS = 1000;

const sameConversion = (a: DisplayItem | undefined, b: DisplayItem): boolean =>
  a?.type === 'conversion' && b.type === 'conversion' && a.conversion.id === b.conversion.id;

export function createPopup({
  doc,
  mounted,
  log,
  position,
  now,
  isNarrow,
  reducedMotion,
  lang,
}: PopupOptions): Display & { refresh(): void } {
  let visible: HTMLElement | undefined;
  let visibleItem: DisplayItem | undefined;
  let visibleOptions: RenderOptions | undefined;
  let onKeydown: ((event: KeyboardEvent) => void) | undefined;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  const { region } = mounted;
  const announce = () => {
    clearTimeout(quietTimer);
    region.setAttribute('aria-live', 'polite');
  };

  const hide = () => {
    if (onKeydown) doc.removeEventListener('keydown', onKeydown);
    onKeydown = undefined;
    const card = visible;
    visible = undefined;
    visibleItem = undefined;
    if (!card) return;
    if (reducedMotion()) {
      card.remove();
      return;
    }
    card.classList.add('out');
    setTimeout(
      guard(log, () => card.remove()),
      LEAVE_MS,
    );
  };

  /** New text (and look) in the card on screen: no slide-in, no new timer. */
  const rerender = (card: HTMLElement, body: Element, item: DisplayItem, base: RenderOptions) => {
    visibleItem = item;
    // The same card with corrected text (its link stays): not read out again as a new one.
    region.setAttribute('aria-live', 'off');
    clearTimeout(quietTimer);
    quietTimer = setTimeout(guard(log, announce), QUIET_MS);
    const options = { ...base, now: now() };
    const avatar = body.querySelector('.avatar');
    const text = body.querySelector('.text');
    if (avatar) body.replaceChild(renderAvatar(doc, item, options.baseUrl), avatar);
    if (text) body.replaceChild(renderText(doc, item, options), text);
    card.querySelector('.close')?.setAttribute('aria-label', item.notification.text?.close || 'Dismiss notification');
  };

  return {
    hide,
    update(item) {
      const card = visible;
      const body = card?.firstElementChild;
      if (!card || !body || !visibleOptions || !sameConversion(visibleItem, item)) return;
      rerender(card, body, item, visibleOptions);
    },
    /** The owner saved a new design or words: the card on screen takes them at once. */
    refresh() {
      const card = visible;
      const body = card?.firstElementChild;
      if (!card || !body || !visibleItem || !visibleOptions) return;
      card.style.cssText = '';
      card.removeAttribute('dir');
      applyLook(card, visibleItem.notification.design, visibleItem.notification.text);
      rerender(card, body, visibleItem, {
        ...visibleOptions,
        locale: intlLocale(visibleItem.notification.text, lang, pageLocale(doc)),
      });
    },
    show(item, controls) {
      hide();
      announce();
      // Also drops a card still animating out: one popup at a time, nothing stacks.
      mounted.region.textContent = '';
      const rules = item.notification.display;
      const narrow = isNarrow();
      const design = item.notification.design;
      const edge = placeHost(
        mounted.host,
        position ?? rules.position,
        narrow && rules.mobile !== 'hidden' ? rules.mobile : undefined,
        design && [design.offsetXPx, design.offsetYPx],
      );
      const options: RenderOptions = {
        locale: intlLocale(item.notification.text, lang, pageLocale(doc)),
        now: now(),
        baseUrl: doc.location?.href ?? '',
        compact: narrow,
        edge,
      };
      const { card, close, link } = renderCard(doc, item, options);

      // The display timer pauses while the pointer is over the card or focus is inside it.
      let hovered = false;
      let focused = false;
      const setHold = (nextHovered: boolean, nextFocused: boolean) => {
        const wasHeld = hovered || focused;
        hovered = nextHovered;
        focused = nextFocused;
        if (!wasHeld && (hovered || focused)) controls.pause();
        if (wasHeld && !(hovered || focused)) controls.resume();
      };
      card.addEventListener(
        'mouseenter',
        guard(log, () => setHold(true, focused)),
      );
      card.addEventListener(
        'mouseleave',
        guard(log, () => setHold(false, focused)),
      );
      card.addEventListener(
        'focusin',
        guard(log, () => setHold(hovered, true)),
      );
      card.addEventListener(
        'focusout',
        guard(log, (event: FocusEvent) => {
          if (!card.contains(event.relatedTarget as Node | null)) setHold(hovered, false);
        }),
      );
      close.addEventListener(
        'click',
        guard(log, () => controls.close()),
      );
      link?.addEventListener(
        'click',
        guard(log, () => controls.click()),
      );
      onKeydown = guard(log, (event: KeyboardEvent) => {
        if (event.key === 'Escape' || event.key === 'Esc') controls.dismiss();
      });
      doc.addEventListener('keydown', onKeydown);

      // Turbo-style navigation swaps <body> and takes the host with it: put it back.
      if (!mounted.host.isConnected) doc.body.appendChild(mounted.host);
      mounted.region.appendChild(card);
      visible = card;
      visibleItem = item;
      visibleOptions = options;
      return true;
    },
  };
}
