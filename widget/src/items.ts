// What the schedule hands to the popup: one conversion, counter or visitor count, with its notification.
import type { PublicConversion, PublicCounter, PublicNotification, PublicVisitors } from '../../shared/protocol.ts';

export type DisplayItem =
  | { type: 'conversion'; notification: PublicNotification; conversion: PublicConversion }
  | { type: 'counter'; notification: PublicNotification; counter: PublicCounter }
  | { type: 'visitors'; notification: PublicNotification; visitors: PublicVisitors };

/** How the popup reports back about the item it is showing; calls about an older item are ignored. */
export interface DisplayControls {
  pause(): void;
  resume(): void;
  dismiss(): void;
  click(): void;
}

export interface Display {
  /** Renders the item in place of any other; false when nothing could be rendered. */
  show(item: DisplayItem, controls: DisplayControls): boolean;
  hide(): void;
}
