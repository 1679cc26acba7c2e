// @vitest-environment happy-dom
// The whole widget from its <script> tag: attributes, the boot guard, and a server event through to a popup and stats.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { type PublicNotification, WIDGET_NAMESPACE } from '../../shared/protocol.ts';
import { boot, type DebugHandle } from '../../widget/src/boot.ts';
import { readScriptConfig } from '../../widget/src/config.ts';
import type { WebSocketConstructor } from '../../widget/src/connection.ts';
import { HOST_TAG } from '../../widget/src/popup/mount.ts';
import { buildConversion, buildReady } from './builders.ts';

/** Stands in for the browser WebSocket; the test plays the server by pushing frames. */
class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  sent: string[] = [];
  closed = false;
  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }
  send(frame: string) {
    this.sent.push(frame);
  }
  close() {
    this.closed = true;
  }
  serverSends(frame: string) {
    this.onmessage?.({ data: frame });
  }
  /** Engine.IO open, then Socket.IO CONNECT for the widget namespace. */
  accept() {
    this.serverSends('0{"sid":"e1","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}');
    this.serverSends(`40${WIDGET_NAMESPACE},{"sid":"s1"}`);
  }
  event(name: string, payload: unknown) {
    this.serverSends(`42${WIDGET_NAMESPACE},${JSON.stringify([name, payload])}`);
  }
}
const FakeSocket = FakeWebSocket as unknown as WebSocketConstructor;

function addScript(attributes: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  // A type browsers do not run, so that happy-dom does not try to fetch the src.
  script.type = 'text/x-proofhook-test';
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.head.appendChild(script);
  return script;
}

/** happy-dom's PageTransitionEvent ignores `persisted`, so set it by hand. */
const pageTransition = (type: 'pagehide' | 'pageshow', persisted: boolean) =>
  Object.assign(new Event(type), { persisted }) as PageTransitionEvent;

const stops: Array<() => void> = [];
const start = (script: HTMLScriptElement | null) => {
  const stop = boot(window, script, { WebSocket: FakeSocket });
  if (stop) stops.push(stop);
  return stop;
};
const hosts = () => document.querySelectorAll(HOST_TAG);
const debugHandle = () => (window as Window & { __proofhook?: DebugHandle }).__proofhook;

beforeEach(() => {
  FakeWebSocket.instances = [];
});

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  delete (window as unknown as Record<symbol, unknown>)[Symbol.for('proofhook.widget')];
  delete (window as Window & { __proofhook?: DebugHandle }).__proofhook;
  sessionStorage.clear();
  localStorage.clear();
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('readScriptConfig', () => {
  const PAGE = 'https://shop.example/products';

  test('defaults the server to the script origin', () => {
    const script = addScript({ src: 'https://proof.example/widget.js?v=3', 'data-key': ' wk_1 ' });
    expect(readScriptConfig(script, PAGE)).toEqual({
      key: 'wk_1',
      server: 'https://proof.example',
      debug: false,
      nonce: undefined,
      position: undefined,
      offline: false,
      preview: undefined,
      lang: '',
    });
  });

  test('defaults to the script folder when Proofhook sits behind a path prefix', () => {
    const script = addScript({ src: 'https://example.com/proofhook/widget.0123456789ab.js', 'data-key': 'wk_1' });
    expect(readScriptConfig(script, PAGE).server).toBe('https://example.com/proofhook');
  });

  test('reads data-server (keeping a path prefix), data-debug, data-nonce, data-position and data-lang', () => {
    const script = addScript({
      src: 'https://cdn.example/widget.js',
      'data-key': 'wk_1',
      'data-server': 'https://api.example/proofhook/',
      'data-debug': '',
      'data-nonce': 'abc',
      'data-position': 'top-right',
      'data-lang': 'de-AT',
    });
    expect(readScriptConfig(script, PAGE)).toEqual({
      key: 'wk_1',
      server: 'https://api.example/proofhook',
      debug: true,
      nonce: 'abc',
      position: 'top-right',
      offline: false,
      preview: undefined,
      lang: 'de-AT',
    });
  });

  test('reads data-offline, and a preview token from the page URL (query or after other parameters)', () => {
    const script = addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1', 'data-offline': '' });
    expect(readScriptConfig(script, 'https://shop.example/?proofhook-preview=pv_1')).toMatchObject({
      offline: true,
      preview: 'pv_1',
    });
    expect(readScriptConfig(script, 'https://shop.example/p?a=1&proofhook-preview=pv_2#x').preview).toBe('pv_2');
    expect(readScriptConfig(script, 'https://shop.example/p?proofhook-preview=').preview).toBeUndefined();
    expect(readScriptConfig(script, `https://shop.example/p?proofhook-preview=${'x'.repeat(201)}`).preview).toBe(
      undefined,
    );
  });

  test('prefers the nonce property, ignores an unknown position and data-debug="false", and refuses a javascript: server', () => {
    const script = addScript({
      src: 'https://proof.example/widget.js',
      'data-key': 'wk_1',
      'data-position': 'middle',
      'data-debug': 'false',
      'data-server': 'javascript:alert(1)',
    });
    script.nonce = 'from-property';
    expect(readScriptConfig(script, PAGE)).toMatchObject({
      server: 'https://proof.example',
      debug: false,
      nonce: 'from-property',
      position: undefined,
    });
  });
});

describe('boot', () => {
  test('mounts one host and opens one websocket to the script origin, even with two script tags', () => {
    const first = addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1', 'data-nonce': 'n1' });
    const second = addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1' });
    expect(start(first)).toBeTypeOf('function');
    expect(start(second)).toBeUndefined();
    expect(hosts()).toHaveLength(1);
    expect(hosts()[0]?.shadowRoot?.querySelector('style')?.getAttribute('nonce')).toBe('n1');
    expect(FakeWebSocket.instances.map((socket) => socket.url)).toEqual([
      'wss://proof.example/socket.io/?EIO=4&transport=websocket',
    ]);
    expect(debugHandle()).toBeUndefined();
  });

  test('does nothing without data-key', () => {
    start(addScript({ src: 'https://proof.example/widget.js' }));
    expect(hosts()).toHaveLength(0);
    expect(FakeWebSocket.instances).toHaveLength(0);
  });

  test('finds its tag when document.currentScript was null', () => {
    addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1' });
    start(null);
    expect(hosts()).toHaveLength(1);
  });

  test('shows a server conversion after the first delay and reports impression and dismiss over the socket', () => {
    vi.useFakeTimers();
    start(addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1' }));
    const socket = FakeWebSocket.instances[0] as FakeWebSocket;
    socket.accept();
    expect(socket.sent).toEqual([`40${WIDGET_NAMESPACE},{"key":"wk_1"}`]);
    socket.event('widget:ready', buildReady({ conversions: [buildConversion({ id: 7, title: '<b>Maria</b> G.' })] }));

    const root = hosts()[0]?.shadowRoot as ShadowRoot;
    vi.advanceTimersByTime(2999);
    expect(root.querySelector('.card')).toBeNull();
    vi.advanceTimersByTime(1);
    expect(root.querySelector('[role="status"] .title')?.textContent).toBe('<b>Maria</b> G.');
    expect(root.querySelector('b')).toBeNull();
    expect(socket.sent.at(-1)).toBe(`42${WIDGET_NAMESPACE},["stat:record",{"type":"impression","notificationId":1}]`);

    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(socket.sent.at(-1)).toBe(`42${WIDGET_NAMESPACE},["stat:record",{"type":"dismiss","notificationId":1}]`);
    expect(JSON.parse(sessionStorage.getItem('proofhook:wk_1') ?? '{}')).toEqual({ ids: [7], counts: { 1: 1 } });
  });

  test('closes the socket on pagehide and reconnects with sinceId when restored from the back/forward cache', () => {
    start(addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1' }));
    const first = FakeWebSocket.instances[0] as FakeWebSocket;
    first.accept();
    first.event('widget:ready', buildReady({ conversions: [buildConversion({ id: 41 })] }));
    window.dispatchEvent(pageTransition('pagehide', true));
    expect(first.closed).toBe(true);
    window.dispatchEvent(pageTransition('pageshow', false));
    expect(FakeWebSocket.instances).toHaveLength(1);
    window.dispatchEvent(pageTransition('pageshow', true));
    const second = FakeWebSocket.instances[1] as FakeWebSocket;
    second.accept();
    expect(second.sent).toEqual([`40${WIDGET_NAMESPACE},{"key":"wk_1","sinceId":41}`]);
  });

  test('answers Engine.IO pings with pongs', () => {
    start(addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1' }));
    const socket = FakeWebSocket.instances[0] as FakeWebSocket;
    socket.accept();
    socket.serverSends('2');
    expect(socket.sent.at(-1)).toBe('3');
  });

  test('data-debug logs to the console and exposes window.__proofhook to feed events in; stop removes the host', () => {
    vi.useFakeTimers();
    const consoleLog = vi.spyOn(console, 'log').mockImplementation(() => {});
    start(addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1', 'data-debug': '' }));
    expect(consoleLog).toHaveBeenCalledWith('[proofhook]', 'boot', expect.objectContaining({ key: 'wk_1' }));
    const handle = debugHandle() as DebugHandle;
    handle.receive('widget:ready', buildReady());
    handle.receive('conversion:created', buildConversion({ id: 9, title: 'Live one' }));
    vi.advanceTimersByTime(3000);
    expect(hosts()[0]?.shadowRoot?.querySelector('.title')?.textContent).toBe('Live one');
    handle.stop();
    expect(hosts()).toHaveLength(0);
    consoleLog.mockRestore();
  });

  test('without data-debug nothing is logged', () => {
    const consoleLog = vi.spyOn(console, 'log').mockImplementation(() => {});
    start(addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1' }));
    (FakeWebSocket.instances[0] as FakeWebSocket).serverSends(`44${WIDGET_NAMESPACE},{"message":"unknown widget key"}`);
    expect(consoleLog).not.toHaveBeenCalled();
    consoleLog.mockRestore();
  });

  test('malformed server events show nothing; the widget reconnects and still shows the next good one', () => {
    vi.useFakeTimers();
    start(addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1' }));
    const socket = FakeWebSocket.instances[0] as FakeWebSocket;
    socket.accept();
    // Called bare: anything thrown here would reach the page, and fails the test.
    socket.serverSends(`42${WIDGET_NAMESPACE},not json`);
    socket.event('widget:ready', { notifications: 'nope', conversions: [null, 1], counters: {} });
    socket.event('conversion:created', null);
    socket.serverSends('0not json either');
    vi.advanceTimersByTime(60_000);
    const root = hosts()[0]?.shadowRoot as ShadowRoot;
    expect(root.querySelector('.card')).toBeNull();
    // A connection that spoke nonsense is dropped for a new one.
    expect(socket.closed).toBe(true);
    expect(FakeWebSocket.instances).toHaveLength(2);

    const next = FakeWebSocket.instances[1] as FakeWebSocket;
    next.accept();
    next.event('widget:ready', buildReady());
    next.event('conversion:created', buildConversion({ id: 5, title: 'Still here' }));
    vi.advanceTimersByTime(3000);
    expect(root.querySelector('[role="status"] .title')?.textContent).toBe('Still here');
  });
});

describe('modes and edges', () => {
  test('data-offline opens no socket; the page feeds it through window.__proofhook, and it never mutes', () => {
    vi.useFakeTimers();
    const consoleLog = vi.spyOn(console, 'log').mockImplementation(() => {});
    start(addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1', 'data-offline': '' }));
    expect(FakeWebSocket.instances).toHaveLength(0);
    expect(consoleLog).not.toHaveBeenCalled(); // offline alone does not turn on debug logging
    const handle = debugHandle() as DebugHandle;
    const ready = buildReady({ preview: true });
    (ready.notifications[0] as PublicNotification).display.muteHoursOnClose = 24;
    handle.receive('widget:ready', ready);
    handle.receive('conversion:created', buildConversion({ id: -1, title: 'Maria G. (test)', test: true }));
    const root = hosts()[0]?.shadowRoot as ShadowRoot;
    expect(root.querySelector('.title')?.textContent).toBe('Maria G. (test)');
    expect([...root.querySelectorAll('.badge')].map((badge) => badge.textContent)).toEqual(['Preview', 'Test']);
    (root.querySelector('button.close') as HTMLButtonElement).click();
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    consoleLog.mockRestore();
  });

  test('a preview token in the page URL goes into every handshake, with the page path (not its query)', () => {
    const url = window.location.href;
    window.history.replaceState(null, '', '/product?ref=x&proofhook-preview=pv_token');
    try {
      start(addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1' }));
      const socket = FakeWebSocket.instances[0] as FakeWebSocket;
      socket.accept();
      expect(socket.sent).toEqual([`40${WIDGET_NAMESPACE},{"key":"wk_1","preview":"pv_token","path":"/product"}`]);
    } finally {
      window.history.replaceState(null, '', url);
    }
  });

  test('a refused origin: one console warning naming the Allowed origins setting and the page origin, no retry', () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    start(addScript({ src: 'https://proof.example/widget.js', 'data-key': 'wk_1' }));
    const socket = FakeWebSocket.instances[0] as FakeWebSocket;
    socket.serverSends('0{"sid":"e1","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}');
    const origin = window.location.origin;
    socket.serverSends(
      `44${WIDGET_NAMESPACE},${JSON.stringify({ message: `This site's widget may not be embedded on ${origin}` })}`,
    );
    vi.advanceTimersByTime(10 * 60_000);
    window.dispatchEvent(pageTransition('pageshow', true));
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(socket.closed).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('"Allowed origins"');
    expect(warn.mock.calls[0]?.[0]).toContain(origin);
    expect(error).not.toHaveBeenCalled();
    warn.mockRestore();
    error.mockRestore();
  });
});
