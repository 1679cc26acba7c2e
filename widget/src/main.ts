// Bundle entry: captures this <script> synchronously (currentScript is only set while an async script runs) and boots.
import { boot } from './boot.ts';
import { startGoals } from './goals.ts';

try {
  const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
  // Goals first: its socket holds popups back until it knows whether this browser is in the control group.
  boot(window, script, startGoals(window, script));
} catch {
  // The widget never throws into the host page, not even where `window` or `document` are odd.
}
