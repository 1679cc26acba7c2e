// Goals and the control group, beside the widget rather than inside it: main.ts hands boot() the
// WebSocket made here, through which this module (1) holds every server event back until the site's
// goal settings arrive, and drops them all for a browser in the control group, so the popup never
// shows there; (2) sees the widget's own impression and click reports go out, to remember exposure;
// (3) sends visits and goals on the same socket. A goal is `window.proofhook.goal('signup', 49.9)`,
// a click on an element with `data-proofhook-goal="signup"` (+ `data-proofhook-value`), or a page
// matching one of the site's URL goals. Sent: goal name, value, group; never an identifier.
import {
  type GoalExposure,
  type GoalReached,
  WIDGET_NAMESPACE,
  type WidgetGoalSettings,
} from '../../shared/protocol.ts';
import type { BootOptions } from './boot.ts';
import { readScriptConfig } from './config.ts';
import { createExposureMemory, type ExposureMemory, goalsStorageKey } from './exposure.ts';
import { matchesPattern } from './url.ts';

const STARTED = Symbol.for('proofhook.goals');
const MAX_VALUE = 1_000_000;
const MAX_PENDING = 20;
const GOAL_NAME = /^[a-z0-9_-]{1,64}$/;
const OPEN = 1;

type Handler = (event: MessageEvent) => void;

export function startGoals(win: Window, script: HTMLScriptElement | null): BootOptions {
  try {
    const flags = win as unknown as Record<symbol, boolean | undefined>;
    const Native = (win as Window & typeof globalThis).WebSocket;
    const tag = script ?? win.document.querySelector<HTMLScriptElement>('script[data-key][src*="widget"]');
    if (flags[STARTED] || !tag || !Native) return {};
    const messageOf = Object.getOwnPropertyDescriptor(Native.prototype, 'onmessage');
    // Without the standard onmessage accessor the socket cannot be read first: no goals, popups as before.
    if (!messageOf?.set || !messageOf.get) return {};
    const config = readScriptConfig(tag, win.location.href);
    // Defined even where goals are left out, so that a page's own calls never throw.
    const api = { goal: (_name: string, _value?: number) => {} };
    (win as Window & { proofhook?: typeof api }).proofhook = api;
    // The admin's preview and the owner's preview link are neither counted nor held back; a page may
    // leave goals out (data-goals="off"), e.g. until its visitor consents (docs/goals.md).
    if (!config.key || config.offline || config.preview || tag.getAttribute('data-goals') === 'off') return {};
    flags[STARTED] = true;
    const { get: getMessage, set: setMessage } = messageOf;
    const sendNative = Native.prototype.send;
    const event = `42${WIDGET_NAMESPACE},`;
    let live: WebSocket | undefined;
    let joined = false;
    let settings: WidgetGoalSettings | undefined;
    // Created once the site turns goals on: until then this browser's storage is not touched. A browser
    // that already has the entry reads it at once, so a goal reached before the settings arrive is kept.
    const storage = () => win.localStorage;
    const key = goalsStorageKey(config.key);
    let memory: ExposureMemory | undefined;
    try {
      if (storage().getItem(key)) memory = createExposureMemory(config.key, storage);
    } catch {
      // Blocked storage: goals wait for the settings, then find it blocked too.
    }
    let held: Array<() => void> = [];
    let early: Array<[string, number]> = [];
    let urlChecked = false;

    const now = () => Date.now();
    const group = (): GoalExposure =>
      memory && settings ? memory.exposure(now(), settings.windowDays, settings.controlPercent) : 'unexposed';
    const ready = () => Boolean(memory && settings && live && joined && live.readyState === OPEN);
    const emit = (name: string, data: object) => sendNative.call(live, event + JSON.stringify([name, data]));
    /** Counts this browser once per day in its group; a click also makes it an exposed visitor. */
    const visit = (exposure: GoalExposure) => {
      for (const each of exposure === 'clicked' ? ['exposed', exposure] : [exposure]) {
        if (ready() && memory?.firstToday(`v:${each}`, now())) emit('visit:record', { exposure: each });
      }
    };
    const flush = () => {
      if (!memory) return;
      memory.reload();
      const saved = memory.saved;
      const pending = saved.p ?? [];
      while (pending.length > 0 && ready()) {
        const [goal, value] = pending[0] as [string, number];
        const exposure = group();
        visit(exposure);
        const reached: GoalReached = { goal, value, exposure, first: memory.firstToday(`g:${goal}`, now()) };
        if (exposure === 'clicked' && saved.n !== undefined) reached.notificationId = saved.n;
        emit('goal:record', reached);
        pending.shift();
      }
      saved.p = pending;
      memory.save();
    };
    const reach = (name: unknown, value?: unknown) => {
      const goal = String(name);
      if (!GOAL_NAME.test(goal) || (settings && !memory)) return;
      const amount = Math.min(MAX_VALUE, Math.max(0, Number(value) || 0));
      if (!memory) {
        early = early.concat([[goal, amount]]).slice(-MAX_PENDING);
        return;
      }
      // Kept until sent: a signup button that leaves the page is counted on the next one.
      memory.reload();
      memory.saved.p = (memory.saved.p ?? []).concat([[goal, amount]]).slice(-MAX_PENDING);
      memory.save();
      flush();
    };

    const configure = (value: WidgetGoalSettings) => {
      settings = value;
      if (value.enabled && !memory) {
        memory = createExposureMemory(config.key, storage);
        for (const [goal, amount] of early) reach(goal, amount);
      }
      if (!value.enabled && memory) {
        // Turned off: what this browser kept for goals goes too.
        memory = undefined;
        try {
          storage().removeItem(key);
        } catch {
          // Nothing to remove where nothing can be read.
        }
      }
      early = [];
      // Counted before the held events reach the widget: this page's first popup comes after its landing.
      visit(group());
      if (memory && !urlChecked) {
        urlChecked = true;
        const path = win.location.pathname + win.location.search;
        for (const goal of value.urlGoals || []) if (matchesPattern(goal.path, path)) reach(goal.name, goal.value);
      }
      flush();
      const release = held;
      held = [];
      // Control: the widget never gets its snapshot or a push, so it never shows a popup.
      if (group() !== 'control') for (const run of release) run();
    };

    /** What the widget's socket hears, before the widget does. */
    const incoming = (socket: WebSocket, handler: Handler, message: MessageEvent) => {
      const frame = String(message.data);
      let pass = true;
      try {
        if (frame.indexOf(event) === 0) {
          const [name, data] = JSON.parse(frame.slice(event.length)) as [string, unknown];
          pass = false;
          if (name === 'goals:configured') configure(data as WidgetGoalSettings);
          else if (!settings) held.push(() => handler.call(socket, message));
          else pass = group() !== 'control';
        }
      } catch {
        // Not ours to judge: the widget reads it as before.
      }
      if (pass) handler.call(socket, message);
      if (frame.indexOf(`40${WIDGET_NAMESPACE},`) === 0 && socket === live) {
        joined = true;
        flush();
      }
    };
    const outgoing = (frame: string) => {
      if (!memory || frame.indexOf(`${event}["stat:record"`) !== 0) return;
      memory.reload();
      const saved = memory.saved;
      const stat = (JSON.parse(frame.slice(event.length)) as [string, { type: string; notificationId: number }])[1];
      if (stat.type === 'impression') saved.s = now();
      if (stat.type === 'click') {
        saved.c = now();
        saved.n = stat.notificationId;
      }
      memory.save();
      visit(group());
    };

    function Tapped(url: string) {
      const socket = new Native(url);
      live = socket;
      joined = false;
      held = [];
      socket.send = (frame: string) => {
        sendNative.call(socket, frame);
        try {
          outgoing(String(frame));
        } catch {
          // A frame we cannot read is the widget's business.
        }
      };
      Object.defineProperty(socket, 'onmessage', {
        configurable: true,
        get: () => getMessage.call(socket),
        set: (handler: Handler | null) =>
          setMessage.call(socket, handler && ((message: MessageEvent) => incoming(socket, handler, message))),
      });
      return socket;
    }

    win.document.addEventListener(
      'click',
      (click) => {
        try {
          const element = (click.target as Element).closest('[data-proofhook-goal]');
          if (element) reach(element.getAttribute('data-proofhook-goal'), element.getAttribute('data-proofhook-value'));
        } catch {
          // A click on something that is not an element (or an odd page) is no goal.
        }
      },
      true,
    );
    api.goal = (name, value) => {
      try {
        reach(name, value);
      } catch {
        // The widget never throws into the host page.
      }
    };
    return { WebSocket: Tapped as unknown as NonNullable<BootOptions['WebSocket']> };
  } catch {
    return {};
  }
}
