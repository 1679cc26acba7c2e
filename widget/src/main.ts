// Bundle entry: captures this <script> synchronously (currentScript is only set while an async script runs) and boots.
import { boot } from './boot.ts';

try {
  boot(window, document.currentScript instanceof HTMLScriptElement ? document.currentScript : null);
} catch {
  // The widget never throws into the host page, not even where `window` or `document` are odd.
}
