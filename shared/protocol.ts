// Types only: what travels between the server and the embeddable widget over Socket.IO.
// Everything here is public: it reaches any visitor of any site that embeds the widget,
// so it never carries an email, an IP, a full last name or a raw payload.

export const WIDGET_NAMESPACE = '/widget';

export type NotificationKind = 'stream' | 'conversion' | 'visitors';
export type PopupPosition = 'bottom-left' | 'bottom-right' | 'top-left' | 'top-right';

/** Per-notification display rules the widget receives, with defaults filled in by the server. */
export interface WidgetDisplayRules {
  /** Wait before the first popup of a page view. */
  firstDelayMs: number;
  /** How long one popup stays. */
  displayMs: number;
  /** Pause between two popups. */
  gapMs: number;
  maxPerPage: number;
  maxPerSession: number;
  /** Show history again once it has all been shown. */
  loop: boolean;
  order: 'newest' | 'random';
  position: PopupPosition;
  /** On screens narrower than 480 px: show at the top, the bottom, or not at all. */
  mobile: 'top' | 'bottom' | 'hidden';
  /** URL patterns (`*` wildcard, matched against path+query) where the popup may show; empty = all. */
  include: string[];
  exclude: string[];
  /** Backfill: how many recent conversions and from how far back. */
  historyLimit: number;
  historyMaxAgeMs: number;
  /** Counters and live visitors are hidden below this number. */
  minimumCount: number;
  /** Rolling window for a conversion counter. */
  counterWindowMs: number;
  /**
   * A live conversion replaces a history card once that card has been up this long: live first,
   * without a popup flashing past too fast to read.
   */
  minDisplayMs: number;
  /** Live conversions are not bound by maxPerPage/maxPerSession; this guards against floods. */
  maxLivePerMinute: number;
  /** Closing a popup mutes the widget in this browser for this many hours (0: only that popup). */
  muteHoursOnClose: number;
  /** Which screens it shows on: decided in the widget by viewport width and pointer (docs/design.md). */
  device?: DeviceTarget;
  /** Only conversions whose product link has this page's path. */
  productMatch?: boolean;
}

export type DeviceTarget = 'all' | 'desktop' | 'mobile';
export type DesignShadow = 'none' | 'soft' | 'strong';
export type DesignAvatar = 'initial' | 'product' | 'flag' | 'icon' | 'none';
export type DesignTheme = 'light' | 'dark' | 'auto';

/** How a popup looks: the site's design with the notification's overrides, checked by the server. */
export interface WidgetDesign {
  /** Colours as #rrggbb; the dark ones apply to theme "dark", and to "auto" when the visitor prefers dark. */
  accent: string;
  background: string;
  text: string;
  darkAccent: string;
  darkBackground: string;
  darkText: string;
  radiusPx: number;
  shadow: DesignShadow;
  font: 'inherit' | 'system';
  avatar: DesignAvatar;
  theme: DesignTheme;
  /** Distance from the screen edges. */
  offsetXPx: number;
  offsetYPx: number;
}

/** The words a popup needs in one language, from the server's locale files (never in the widget bundle). */
export interface WidgetText {
  /** BCP 47 tag the widget formats times and numbers with (Intl). */
  locale: string;
  dir: 'ltr' | 'rtl';
  /** Templates with `||` fallbacks, rendered in the widget from the public conversion's fields. */
  title: string;
  message: string;
  /** "{{productName}} and {{moreProducts}} more". */
  more: string;
  close: string;
  /** The badges on the owner's preview and on a test event. */
  previewLabel: string;
  testLabel: string;
}

/** How much of a person a visitor may see. Default: "Maria G.". */
export type PrivacyLevel = 'first-initial' | 'first' | 'anonymous';

/**
 * Per-notification privacy, applied by the server when it builds the public view of a conversion.
 * Never sent to widgets: what they receive is already cut down to it.
 */
export interface PrivacyRules {
  privacy: PrivacyLevel;
  showCity: boolean;
  showCountry: boolean;
}

/** Everything the owner sets per notification (admin API); widgets get the WidgetDisplayRules part. */
export interface DisplayRules extends WidgetDisplayRules, PrivacyRules {}

export interface PublicNotification {
  id: number;
  kind: NotificationKind;
  display: WidgetDisplayRules;
  /** Absent from older servers: the widget then keeps its built-in look and the server's English lines. */
  design?: WidgetDesign;
  text?: WidgetText;
}

/** A conversion as a visitor may see it. */
export interface PublicConversion {
  id: number;
  notificationId: number;
  firstName?: string;
  /** One letter, never the full last name. */
  lastInitial?: string;
  city?: string;
  state?: string;
  country?: string;
  countryCode?: string;
  productName?: string;
  productLink?: string;
  productImage?: string;
  /** Only when one of the notification's templates uses {{total}} or {{currency}}. */
  total?: number;
  currency?: string;
  /** Line items besides the displayed product. */
  moreProducts: number;
  /** When it happened, epoch ms. */
  timestamp: number;
  /** Rendered server-side from the notification's template: "Maria G. from Austin, US". */
  title: string;
  /** "purchased Sneakers and 2 more". */
  message: string;
  /**
   * A test event (Send test, or a sender's own test mode): only ever sent to preview widgets, never
   * stored as a conversion, so a visitor of the site never receives one.
   */
  test?: true;
}

export interface PublicCounter {
  notificationId: number;
  count: number;
  windowMs: number;
  /** Rendered: "127 people signed up in the last 24 hours"; empty when below the minimum. */
  message: string;
  /** Product match: the page path this count is for ("3 people bought this"); absent otherwise. */
  path?: string;
}

/** Live visitors of the site: the real number of open widgets, and the rendered line. */
export interface PublicVisitors {
  count: number;
  /** "23 people are viewing this site right now", from the visitors notification's template. */
  message: string;
}

export interface WidgetReadyPayload {
  /** The server's clock, epoch ms, so "3 minutes ago" is right even when the visitor's clock is not. */
  serverTime: number;
  notifications: PublicNotification[];
  /** Newest first. */
  conversions: PublicConversion[];
  counters: PublicCounter[];
  /** Connected widgets for the site, or null when below the minimum or without a visitors notification. */
  visitors: PublicVisitors | null;
  /** Set when the handshake carried a valid preview token: the widget may label itself "Preview". */
  preview?: true;
  /** The site's form-capture rules, when it has any (see docs/form-capture.md); never sent to a preview. */
  capture?: PublicCaptureRule[];
}

/** A form-capture rule as the widget needs it: which forms on which pages; not where they are stored. */
export interface PublicCaptureRule {
  id: number;
  /** `*` wildcard, matched against the page's path (no query). */
  path: string;
  /** CSS selector of the form. */
  selector: string;
}

/** The only fields a captured form may carry; anything else is dropped by the widget and refused by the server. */
export type CapturedField = 'email' | 'firstName' | 'lastName' | 'name' | 'city';

export interface CapturedForm {
  ruleId: number;
  /** The page's path when the form was sent. */
  path: string;
  fields: Partial<Record<CapturedField, string>>;
}

export type WidgetStatType = 'impression' | 'click' | 'dismiss';

/** A browser's relation to the site's popups when it visits or reaches a goal (docs/goals.md). */
export type GoalExposure = 'clicked' | 'exposed' | 'unexposed' | 'control';

/** A site's goal settings as its widgets need them: sent right after the handshake. */
export interface WidgetGoalSettings {
  /** Off (the default): the widget keeps nothing in the browser for goals and counts nothing. */
  enabled: boolean;
  /** Per cent of browsers (0–50) that never see a popup: the control group. */
  controlPercent: number;
  /** A popup seen or clicked this many days ago still counts for a goal. */
  windowDays: number;
  /** Paths with `*` wildcards; reaching one counts the goal. */
  urlGoals: Array<{ name: string; path: string; value?: number }>;
}

/**
 * Sent to each counted widget right after its handshake, apart from ServerToWidgetEvents because
 * the goals module (widget/src/goals.ts), not the widget's event handlers, reads it.
 */
export interface GoalsToWidgetEvents {
  'goals:configured': (settings: WidgetGoalSettings) => void;
}

/** No identifier: the goal, its value, the browser's group, and whether it is its first of the goal today. */
export interface GoalReached {
  goal: string;
  value: number;
  exposure: GoalExposure;
  first: boolean;
  /** The notification whose popup was clicked last, when `exposure` is 'clicked'. */
  notificationId?: number;
}

export interface WidgetHandshakeAuth {
  key: string;
  /** The highest conversion id already seen, for catch-up after a reconnect. */
  sinceId?: number;
  /**
   * From a `?proofhook-preview=<token>` link the admin makes: this page is the owner's own preview.
   * It also receives test events, and is not counted as a visitor nor in stats.
   */
  preview?: string;
  /** The page's language (`data-lang`, else `<html lang>`): which words the server sends. */
  lang?: string;
  /** The page's `location.pathname`: product counters count that product's conversions only. */
  path?: string;
}

/** Sent when the owner saves a design, language or display change: the new notifications, in this widget's language. */
export interface WidgetConfigPayload {
  notifications: PublicNotification[];
}

export interface ServerToWidgetEvents {
  'widget:ready': (payload: WidgetReadyPayload) => void;
  'conversion:created': (conversion: PublicConversion) => void;
  'counter:updated': (counter: PublicCounter) => void;
  'visitors:updated': (visitors: PublicVisitors | null) => void;
  'config:changed': (payload: WidgetConfigPayload) => void;
}

export interface WidgetToServerEvents {
  'stat:record': (stat: { type: WidgetStatType; notificationId: number }) => void;
  /** A sign-up form matching one of the site's capture rules was sent (see docs/form-capture.md). */
  'capture:record': (form: CapturedForm) => void;
  'goal:record': (goal: GoalReached) => void;
  /** Once per browser, day and group (deduplicated in the browser): the report's denominators. */
  'visit:record': (visit: { exposure: GoalExposure }) => void;
}
