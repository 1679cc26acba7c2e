// Runs inside /admin/preview/:id: hands the real widget the data the server rendered into the page
// (through the widget's debug handle), in place of a live connection, which the page's CSP blocks.
import type { WidgetReadyPayload } from '../../../shared/protocol.ts';

interface DebugHandle {
  receive(event: 'widget:ready', payload: WidgetReadyPayload): void;
}

const WAIT_STEP_MS = 25;
const WAIT_LIMIT_MS = 10_000;

function forgetOtherPreviews(ownKey: string | undefined) {
  // Each preview load uses a key of its own; the widget remembers shown popups per key in sessionStorage.
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const key = sessionStorage.key(i);
      if (key?.startsWith('proofhook:preview-') && key !== `proofhook:${ownKey}`) sessionStorage.removeItem(key);
    }
  } catch {
    // storage blocked: nothing to clean
  }
}

function start() {
  const data = document.getElementById('proofhook-preview-data')?.textContent;
  if (!data) return;
  const payload = JSON.parse(data) as WidgetReadyPayload;
  forgetOtherPreviews(document.querySelector<HTMLScriptElement>('script[data-key]')?.dataset.key);
  const startedAt = Date.now();
  const feed = () => {
    const handle = (window as Window & { __proofhook?: DebugHandle }).__proofhook;
    if (handle) {
      handle.receive('widget:ready', payload);
      document.documentElement.dataset.previewReady = 'true';
    } else if (Date.now() - startedAt < WAIT_LIMIT_MS) {
      setTimeout(feed, WAIT_STEP_MS);
    }
  };
  feed();
}

start();
