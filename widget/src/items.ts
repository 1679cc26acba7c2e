// What the schedule hands to the popup: one conversion, counter or visitor count, with its notification.
import type { PublicConversion, PublicCounter, PublicNotification, PublicVisitors } from '../../shared/protocol.ts';

export type DisplayItem = (
  | { type: 'conversion'; notification: PublicNotification; conversion: PublicConversion }
  | { type: 'counter'; notification: PublicNotification; counter: PublicCounter }
  | { type: 'visitors'; notification: PublicNotification; visitors: PublicVisitors }
) & {
  /** The owner's own preview (a valid preview link, or the admin's preview frame): the card says so. */
  preview?: boolean;
};

/** How the popup reports back about the item it is showing; calls about an older item are ignored. */
export interface DisplayControls {
  pause(): void;
  resume(): void;
  /** Esc: this popup goes away. */
  dismiss(): void;
  /** The close button: this popup goes away, and the widget mutes itself if the owner asked for that. */
  close(): void;
  click(): void;
}

export interface Display {
  /** Renders the item in place of any other; false when nothing could be rendered. */
  show(item: DisplayItem, controls: DisplayControls): boolean;
  /** The conversion on screen changed (the server re-derived it): new text in the same card, not a new popup. */
  update(item: DisplayItem): void;
  hide(): void;
}
