// The popup on screen: one card at a time in the host; hover/focus pause, Esc and the button dismiss, clicks report.
import type { PopupPosition } from '../../../shared/protocol.ts';
import { pageLocale } from '../format.ts';
import type { Display } from '../items.ts';
import { guard, type Log } from '../log.ts';
import { type Mounted, placeHost } from './mount.ts';
import { renderCard } from './render.ts';

export interface PopupOptions {
  doc: Document;
  mounted: Mounted;
  log: Log;
  /** `data-position` on the script tag overrides every notification's position. */
  position: PopupPosition | undefined;
  now(): number;
  isNarrow(): boolean;
  reducedMotion(): boolean;
}

/** Matches the .out animation in css.ts. */
const LEAVE_MS = 200;

export function createPopup({ doc, mounted, log, position, now, isNarrow, reducedMotion }: PopupOptions): Display {
  let visible: HTMLElement | undefined;
  let onKeydown: ((event: KeyboardEvent) => void) | undefined;

  const hide = () => {
    if (onKeydown) doc.removeEventListener('keydown', onKeydown);
    onKeydown = undefined;
    const card = visible;
    visible = undefined;
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

  return {
    hide,
    show(item, controls) {
      hide();
      // Also drops a card still animating out: one popup at a time, nothing stacks.
      mounted.region.textContent = '';
      const rules = item.notification.display;
      const narrow = isNarrow();
      const edge = placeHost(
        mounted.host,
        position ?? rules.position,
        narrow && rules.mobile !== 'hidden' ? rules.mobile : undefined,
      );
      const { card, close, link } = renderCard(doc, item, {
        locale: pageLocale(doc),
        now: now(),
        baseUrl: doc.location?.href ?? '',
        compact: narrow,
        edge,
      });

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
        guard(log, () => controls.dismiss()),
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
      return true;
    },
  };
}
