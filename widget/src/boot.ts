// Boots the widget once per page from its <script> tag and wires connection → schedule → popup.
import type {
  PublicConversion,
  PublicCounter,
  PublicNotification,
  ServerToWidgetEvents,
  WidgetReadyPayload,
} from '../../shared/protocol.ts';
import { readScriptConfig, type WidgetConfig } from './config.ts';
import { type Connection, createConnection, type WebSocketConstructor } from './connection.ts';
import { asArray } from './lanes.ts';
import { requestedLang } from './locale.ts';
import { listenForCapture } from './capture.ts';
import { createLog, guard, type Log } from './log.ts';
import { createMuteMemory, NEVER_MUTED } from './mute.ts';
import { mountWidget } from './popup/mount.ts';
import { createPopup } from './popup/view.ts';
import { createSchedule, type ScheduleEnv } from './schedule.ts';
import { createSessionMemory } from './session.ts';
import { MOBILE_QUERY, productAllowed } from './targeting.ts';

/** Shared by every copy of the script in this window (Symbol.for), so two tags boot one widget. */
const BOOTED = Symbol.for('proofhook.widget');
const NARROW_MAX_PX = 479.98;

export interface BootOptions {
  WebSocket?: WebSocketConstructor;
}

/**
 * What `window.__proofhook` exposes in debug and offline mode: for poking at the widget from the console or
 * a browser test, and how the admin's preview (data-offline) feeds it.
 */
export interface DebugHandle {
  config: WidgetConfig;
  /** Feeds a server event in as if it came over the socket. */
  receive<E extends keyof ServerToWidgetEvents>(event: E, ...args: Parameters<ServerToWidgetEvents[E]>): void;
  stop(): void;
}

const matches = (win: Window, query: string): boolean => {
  try {
    return win.matchMedia(query).matches;
  } catch {
    return false;
  }
};

/**
 * A refused handshake is the site owner's to fix, so it is said once in the console whatever data-debug
 * says (the connection does not retry it). A refused origin names the setting to change.
 */
function warnRefused(win: Window, message: string): void {
  const origin = win.location.origin;
  const text = /may not be embedded/.test(message)
    ? `Proofhook: the widget is not shown on ${origin}: add ${origin} to this site's "Allowed origins" setting in the Proofhook admin (Sites).`
    : `Proofhook: the widget is not shown: ${message}`;
  try {
    console.warn(text);
  } catch {
    // a page's replaced console is not worth an error
  }
}

/** Reading sessionStorage throws in this page view, so the session memory lasts for the page view only. */
const pageViewOnly = (): Storage => {
  throw new Error('page view only');
};

function findScript(doc: Document): HTMLScriptElement | null {
  // currentScript is null when the bundle was loaded in an unusual way (e.g. as a module); find the tag instead.
  return doc.querySelector<HTMLScriptElement>('script[data-key][src*="widget"]');
}

function start(win: Window, config: WidgetConfig, log: Log, options: BootOptions): () => void {
  const doc = win.document;
  const mounted = mountWidget(doc, config.nonce);
  const env: ScheduleEnv = {
    now: () => Date.now(),
    isHidden: () => doc.visibilityState === 'hidden',
    isNarrow: () => matches(win, `(max-width: ${NARROW_MAX_PX}px)`),
    pagePath: () => win.location.pathname + win.location.search,
    random: Math.random,
    isMobile: () => matches(win, MOBILE_QUERY),
  };
  const lang = requestedLang(config.lang, doc);
  // Relative times use the server's clock ("3 minutes ago" stays right when the visitor's clock is off);
  // scheduling keeps the local clock, which is what timers run on.
  let clockOffsetMs = 0;
  const popup = createPopup({
    doc,
    mounted,
    log,
    position: config.position,
    now: () => env.now() + clockOffsetMs,
    isNarrow: env.isNarrow,
    reducedMotion: () => matches(win, '(prefers-reduced-motion: reduce)'),
    lang,
  });
  // The notifications as last received, by id: a saved design or language change is written into these
  // same objects, so the schedule's lanes and the card on screen take it without a new snapshot.
  const notifications = new Map<number, PublicNotification>();
  // What the schedule was last given, so a config change can hand it the new notification list (one added
  // or paused) without dropping the counters and visitors it has.
  let lastReady: WidgetReadyPayload | undefined;
  const counters = new Map<number, PublicCounter>();
  /** Product match: a conversion of another product's page never enters the schedule here. */
  const forThisPage = (conversion: PublicConversion) => {
    const rules = notifications.get(conversion?.notificationId)?.display;
    return !rules || productAllowed(rules, conversion, win.location.href);
  };
  let connection: Connection | undefined;
  // Offline is the admin's preview: its popups must not use up or mute the site's real widget in this
  // browser (the preview frame and /demo share the Proofhook origin's storage).
  const schedule = createSchedule({
    display: popup,
    session: createSessionMemory(config.key, config.offline ? pageViewOnly : () => win.sessionStorage),
    mute: config.offline ? NEVER_MUTED : createMuteMemory(config.key, () => win.localStorage),
    env,
    log,
    onStat: (type, notificationId) => connection?.emit('stat:record', { type, notificationId }),
  });
  const on: ServerToWidgetEvents = {
    'widget:ready': (payload) => {
      if (typeof payload?.serverTime === 'number' && Number.isFinite(payload.serverTime)) {
        clockOffsetMs = payload.serverTime - env.now();
      }
      for (const notification of asArray(payload?.notifications)) notifications.set(notification.id, notification);
      lastReady = payload;
      counters.clear();
      for (const counter of asArray(payload.counters)) counters.set(counter?.notificationId, counter);
      const conversions = Array.isArray(payload.conversions) ? payload.conversions.filter(forThisPage) : [];
      schedule.ready({ ...payload, conversions });
    },
    'conversion:created': (conversion) => {
      if (forThisPage(conversion)) schedule.addConversion(conversion);
    },
    'config:changed': (payload) => {
      const list = asArray(payload?.notifications).map((fresh) => {
        const known = notifications.get(fresh.id);
        if (known) return Object.assign(known, fresh);
        notifications.set(fresh.id, fresh);
        return fresh;
      });
      popup.refresh();
      // Not a new snapshot: no clock change (NaN is skipped) and no backfill; a paused notification's
      // lane goes, a new one's comes.
      if (lastReady) {
        lastReady = { ...lastReady, notifications: list, counters: [...counters.values()], conversions: [] };
        schedule.ready({ ...lastReady, serverTime: Number.NaN });
      }
    },
    'counter:updated': (counter) => {
      counters.set(counter?.notificationId, counter);
      schedule.updateCounter(counter);
    },
    'visitors:updated': (visitors) => {
      const shown = visitors?.message ? visitors : null;
      if (lastReady) lastReady = { ...lastReady, visitors: shown };
      schedule.updateVisitors(shown);
    },
  };
  listenForCapture(win, on, log, (form) => connection?.emit('capture:record', form));
  if (!config.offline) {
    connection = createConnection({
      server: config.server,
      key: config.key,
      preview: config.preview,
      lang,
      path: () => win.location.pathname,
      on,
      log,
      WebSocket: options.WebSocket,
      onRefused: (message) => warnRefused(win, message),
    });
  }
  const wake = guard(log, () => schedule.wake());
  doc.addEventListener('visibilitychange', wake);
  // Leave the back/forward cache usable for the host page; catch up (sinceId) when it is restored.
  const suspend = guard(log, () => connection?.suspend());
  const resume = guard(log, (event: PageTransitionEvent) => {
    if (event.persisted) connection?.resume();
  });
  win.addEventListener('pagehide', suspend);
  win.addEventListener('pageshow', resume);

  const stop = () => {
    doc.removeEventListener('visibilitychange', wake);
    win.removeEventListener('pagehide', suspend);
    win.removeEventListener('pageshow', resume);
    connection?.close();
    schedule.stop();
    mounted.host.remove();
  };
  if (config.debug || config.offline) {
    const handle: DebugHandle = {
      config,
      receive: (event, ...args) => guard(log, () => (on[event] as (...a: unknown[]) => void)(...args))(),
      stop,
    };
    (win as Window & { __proofhook?: DebugHandle }).__proofhook = handle;
  }
  return stop;
}

/** Returns a stop function (for tests), or undefined when this page already has a widget or no usable tag. */
export function boot(
  win: Window,
  script: HTMLScriptElement | null,
  options: BootOptions = {},
): (() => void) | undefined {
  try {
    const flags = win as unknown as Record<symbol, boolean | undefined>;
    if (flags[BOOTED]) return undefined;
    flags[BOOTED] = true;
    const tag = script ?? findScript(win.document);
    if (!tag) return undefined;
    const config = readScriptConfig(tag, win.location.href);
    const log = createLog(config.debug);
    if (!config.key) {
      log.debug('missing data-key on the script tag');
      return undefined;
    }
    log.debug('boot', config);
    const doc = win.document;
    if (doc.body) return start(win, config, log, options);
    // An async script in <head> can run before <body> exists.
    let stop: (() => void) | undefined;
    let cancelled = false;
    doc.addEventListener(
      'DOMContentLoaded',
      guard(log, () => {
        if (!cancelled) stop = start(win, config, log, options);
      }),
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  } catch {
    // The widget never throws into the host page.
    return undefined;
  }
}
