// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { DisplayControls, DisplayItem } from '../../widget/src/items.ts';
import { createLog } from '../../widget/src/log.ts';
import { HOST_TAG, type Mounted, mountWidget } from '../../widget/src/popup/mount.ts';
import { renderCard } from '../../widget/src/popup/render.ts';
import { createPopup } from '../../widget/src/popup/view.ts';
import { buildConversion, buildCounter, buildNotification } from './builders.ts';

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

const conversionItem = (overrides: Parameters<typeof buildConversion>[0] = {}, display = {}): DisplayItem => ({
  type: 'conversion',
  notification: buildNotification({ display }),
  conversion: buildConversion({ timestamp: NOW - 3 * 60_000, ...overrides }),
});

function spyControls() {
  return {
    pause: vi.fn(),
    resume: vi.fn(),
    dismiss: vi.fn(),
    close: vi.fn(),
    click: vi.fn(),
  } satisfies DisplayControls;
}

let mounted: Mounted;
let narrow = false;
let reducedMotion = true;

function popup(position?: 'top-right') {
  return createPopup({
    doc: document,
    mounted,
    log: createLog(false),
    position,
    now: () => NOW,
    isNarrow: () => narrow,
    reducedMotion: () => reducedMotion,
  });
}

beforeEach(() => {
  narrow = false;
  reducedMotion = true;
  document.documentElement.lang = 'en';
  mounted = mountWidget(document, 'n0nce');
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('mount', () => {
  test('appends one host custom element with an open shadow root, a nonce-carrying style and a live region', () => {
    const hosts = document.body.querySelectorAll(HOST_TAG);
    expect(hosts).toHaveLength(1);
    const root = hosts[0]?.shadowRoot;
    expect(root).toBe(mounted.root);
    const style = root?.querySelector('style');
    expect(style?.getAttribute('nonce')).toBe('n0nce');
    // Its text comes from styles.css?inline, which vitest leaves empty; bundle.test.ts checks the built stylesheet.
    const region = root?.querySelector('[role="status"]');
    expect(region?.getAttribute('aria-live')).toBe('polite');
    expect(region?.childElementCount).toBe(0);
  });

  test('pins the host with inline !important styles that page CSS cannot override', () => {
    const { style } = mounted.host;
    for (const [name, value] of [
      ['position', 'fixed'],
      ['z-index', '2147483647'],
      ['display', 'block'],
    ]) {
      expect(style.getPropertyValue(name as string)).toBe(value);
      expect(style.getPropertyPriority(name as string)).toBe('important');
    }
  });
});

describe('render', () => {
  test('puts hostile strings in as text: no element, no handler, no script', () => {
    const { card } = renderCard(
      document,
      conversionItem({ title: HOSTILE, message: HOSTILE, firstName: HOSTILE, productImage: undefined }),
      { locale: 'en', now: NOW, baseUrl: 'https://shop.example/', compact: false, edge: 'bottom' },
    );
    mounted.region.appendChild(card);
    expect(mounted.root.querySelector('img')).toBeNull();
    expect(mounted.root.querySelector('script')).toBeNull();
    expect(mounted.root.querySelectorAll('[onerror]')).toHaveLength(0);
    expect(card.querySelector('.title')?.textContent).toBe(HOSTILE);
    expect(card.querySelector('.message')?.textContent).toBe(HOSTILE);
    expect(card.querySelector('.avatar')?.textContent).toBe('<');
  });

  test('renders avatar, title, message, relative time and a same-tab link', () => {
    const { card, link } = renderCard(document, conversionItem({ productLink: 'https://shop.example/p/sneakers' }), {
      locale: 'en',
      now: NOW,
      baseUrl: 'https://shop.example/',
      compact: false,
      edge: 'bottom',
    });
    expect(card.querySelector('.avatar')?.textContent).toBe('M');
    expect(card.querySelector('.title')?.textContent).toBe('Maria G. from Austin, US');
    expect(card.querySelector('.message')?.textContent).toBe('purchased Sneakers and 2 more');
    expect(card.querySelector('time')?.textContent).toBe('3 minutes ago');
    expect(link?.getAttribute('href')).toBe('https://shop.example/p/sneakers');
    expect(link?.getAttribute('rel')).toBe('noopener');
    expect(link?.hasAttribute('target')).toBe(false);
  });

  test.each(['javascript:alert(1)', ' javascript:alert(1)', 'data:text/html,x'])('drops the link %j', (productLink) => {
    const { card, link } = renderCard(document, conversionItem({ productLink, productImage: productLink }), {
      locale: 'en',
      now: NOW,
      baseUrl: 'https://shop.example/',
      compact: false,
      edge: 'bottom',
    });
    expect(link).toBeUndefined();
    expect(card.querySelector('a')).toBeNull();
    expect(card.querySelector('img')).toBeNull();
  });

  test('uses an http(s) product image without a referrer and falls back to the initial when it fails', () => {
    const { card } = renderCard(document, conversionItem({ productImage: 'https://cdn.example/sneakers.png' }), {
      locale: 'en',
      now: NOW,
      baseUrl: 'https://shop.example/',
      compact: false,
      edge: 'bottom',
    });
    const image = card.querySelector('img') as HTMLImageElement;
    expect(image.getAttribute('src')).toBe('https://cdn.example/sneakers.png');
    expect(image.getAttribute('alt')).toBe('');
    expect(image.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(image.getAttribute('loading')).toBe('eager');
    image.dispatchEvent(new Event('error'));
    expect(card.querySelector('img')).toBeNull();
    expect(card.querySelector('.avatar')?.textContent).toBe('M');
  });

  test('falls back to a neutral icon without a first name, and writes the relative time in the page language', () => {
    const { card } = renderCard(document, conversionItem({ firstName: undefined }), {
      locale: 'de',
      now: NOW,
      baseUrl: 'https://shop.example/',
      compact: false,
      edge: 'bottom',
    });
    expect(card.querySelector('.avatar svg')).not.toBeNull();
    expect(card.querySelector('time')?.textContent).toBe('vor 3 Minuten');
  });

  test('counter and visitors popups show their message', () => {
    const options = {
      locale: 'en',
      now: NOW,
      baseUrl: 'https://shop.example/',
      compact: false,
      edge: 'bottom',
    } as const;
    const counter = renderCard(
      document,
      { type: 'counter', notification: buildNotification({ id: 2, kind: 'conversion' }), counter: buildCounter() },
      options,
    );
    expect(counter.card.textContent).toContain('127 people signed up in the last 24 hours');
    const visitors = renderCard(
      document,
      {
        type: 'visitors',
        notification: buildNotification({ id: 3, kind: 'visitors' }),
        visitors: { count: 5, message: '5 people are viewing this site right now' },
      },
      options,
    );
    expect(visitors.card.textContent).toContain('5 people are viewing this site right now');
  });
});

describe('popup', () => {
  test('shows one card inside the live region with a labelled dismiss button', () => {
    const view = popup();
    view.show(conversionItem({ id: 1 }), spyControls());
    view.show(conversionItem({ id: 2, title: 'Second' }), spyControls());
    const cards = mounted.region.querySelectorAll('.card');
    expect(cards).toHaveLength(1);
    expect(cards[0]?.querySelector('.title')?.textContent).toBe('Second');
    const button = mounted.root.querySelector('button');
    expect(button?.getAttribute('type')).toBe('button');
    expect(button?.getAttribute('aria-label')).toBe('Dismiss notification');
  });

  test('Esc dismisses and the button closes (which may mute); Esc does nothing once the popup is gone', () => {
    const view = popup();
    const controls = spyControls();
    view.show(conversionItem(), controls);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(controls.dismiss).toHaveBeenCalledTimes(1);
    (mounted.root.querySelector('button') as HTMLButtonElement).click();
    expect(controls.close).toHaveBeenCalledTimes(1);
    expect(controls.dismiss).toHaveBeenCalledTimes(1);
    view.hide();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(controls.dismiss).toHaveBeenCalledTimes(1);
    expect(mounted.region.childElementCount).toBe(0);
  });

  test('an update puts the new text into the same card, quietly, and only for the conversion on screen', () => {
    vi.useFakeTimers();
    try {
      const view = popup();
      const controls = spyControls();
      view.show(conversionItem({ id: 5 }), controls);
      const card = mounted.region.querySelector('.card') as HTMLElement;
      view.update(conversionItem({ id: 6, title: 'Someone else' }));
      expect(card.querySelector('.title')?.textContent).toBe('Maria G. from Austin, US');

      view.update(conversionItem({ id: 5, title: 'Jane D. from Austin, US', firstName: 'Jane', message: HOSTILE }));
      expect(mounted.region.querySelectorAll('.card')).toHaveLength(1);
      expect(mounted.region.querySelector('.card')).toBe(card);
      expect(card.querySelector('.title')?.textContent).toBe('Jane D. from Austin, US');
      expect(card.querySelector('.message')?.textContent).toBe(HOSTILE);
      expect(card.querySelector('.avatar')?.textContent).toBe('J');
      expect(mounted.root.querySelector('script')).toBeNull();
      // Not announced as a new popup; the region speaks again for the next one.
      expect(mounted.region.getAttribute('aria-live')).toBe('off');
      vi.advanceTimersByTime(1000);
      expect(mounted.region.getAttribute('aria-live')).toBe('polite');
      (card.querySelector('button') as HTMLButtonElement).click();
      expect(controls.close).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  test('labels the owner’s preview and a test event with text of its own', () => {
    const view = popup();
    view.show({ ...conversionItem({ test: true, title: 'Preview' }), preview: true }, spyControls());
    const badges = [...mounted.region.querySelectorAll('.badge')].map((badge) => badge.textContent);
    expect(badges).toEqual(['Preview', 'Test']);
    view.show(conversionItem({ id: 2 }), spyControls());
    expect(mounted.region.querySelectorAll('.badge')).toHaveLength(0);
  });

  test('pauses while hovered or focused and resumes only when both have ended', () => {
    const view = popup();
    const controls = spyControls();
    view.show(conversionItem(), controls);
    const card = mounted.region.querySelector('.card') as HTMLElement;
    card.dispatchEvent(new MouseEvent('mouseenter'));
    card.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(controls.pause).toHaveBeenCalledTimes(1);
    card.dispatchEvent(new MouseEvent('mouseleave'));
    expect(controls.resume).not.toHaveBeenCalled();
    card.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: null }));
    expect(controls.resume).toHaveBeenCalledTimes(1);
  });

  test('a click on the link reports a click', () => {
    const view = popup();
    const controls = spyControls();
    view.show(conversionItem({ productLink: 'https://shop.example/p/1' }), controls);
    const link = mounted.root.querySelector('a') as HTMLAnchorElement;
    link.addEventListener('click', (event) => event.preventDefault()); // keep happy-dom from navigating
    link.click();
    expect(controls.click).toHaveBeenCalledTimes(1);
  });

  test('places the host by position, the data-position override, and as a strip on narrow screens', () => {
    const view = popup();
    view.show(conversionItem({}, { position: 'bottom-left' }), spyControls());
    const style = mounted.host.style;
    expect([style.getPropertyValue('bottom'), style.getPropertyValue('left'), style.getPropertyValue('top')]).toEqual([
      '16px',
      '16px',
      'auto',
    ]);

    popup('top-right').show(conversionItem({}, { position: 'bottom-left' }), spyControls());
    expect([style.getPropertyValue('top'), style.getPropertyValue('right'), style.getPropertyValue('left')]).toEqual([
      '16px',
      '16px',
      'auto',
    ]);

    narrow = true;
    view.show(conversionItem({}, { mobile: 'top' }), spyControls());
    expect([style.getPropertyValue('top'), style.getPropertyValue('left'), style.getPropertyValue('right')]).toEqual([
      '8px',
      '8px',
      '8px',
    ]);
    expect(mounted.region.querySelector('.card')?.hasAttribute('data-compact')).toBe(true);
    expect(mounted.region.querySelector('.card')?.getAttribute('data-edge')).toBe('top');
  });

  test('with motion allowed, the leaving card animates out and is removed shortly after', () => {
    vi.useFakeTimers();
    try {
      reducedMotion = false;
      const view = popup();
      view.show(conversionItem(), spyControls());
      view.hide();
      expect(mounted.region.querySelector('.card.out')).not.toBeNull();
      vi.advanceTimersByTime(200);
      expect(mounted.region.childElementCount).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
