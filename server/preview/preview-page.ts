// The preview page's HTML: a plain stand-in for the customer's website, the real widget script,
// and the data it is to show as an inert JSON block. Every interpolated value is escaped. The widget
// runs with data-offline: it opens no socket (the page's CSP would refuse it) and shows only what
// admin/src/preview/main.ts hands it.
import type { PreviewData } from './preview-payload.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** JSON that cannot close its <script> element or start a comment, whatever webhook text it holds. */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`,
  );
}

export interface PreviewPageInput {
  data: PreviewData;
  /** How many of the conversions shown are test events (Send test). */
  tests: number;
  nonce: string;
  /** A key of its own per page load: the widget's per-tab memory never mixes with real sites. */
  widgetKey: string;
  previewScriptUrl: string;
  widgetScriptUrl: string;
}

export function renderPreviewPage(input: PreviewPageInput): string {
  const nonce = escapeHtml(input.nonce);
  const label = input.data.sample
    ? 'Sample data: send a test to see your own'
    : input.tests > 0
      ? 'Your latest data, with your test events'
      : 'Your latest data';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Popup preview</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">
  body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #1f2328; background: #f6f8fa; }
  header { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding: 12px 20px; background: #fff; border-bottom: 1px solid #d0d7de; }
  .brand { font-weight: 700; }
  .label { font-size: 12px; color: #57606a; border: 1px solid #d0d7de; border-radius: 999px; padding: 2px 10px; }
  main { max-width: 880px; margin: 0 auto; padding: 24px 20px; }
  .hero { height: 120px; border-radius: 12px; background: #e6ebf1; margin-bottom: 20px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 16px; }
  .card { height: 140px; border-radius: 10px; background: #fff; border: 1px solid #d0d7de; }
  .line { height: 10px; border-radius: 5px; background: #e6ebf1; margin: 10px 0; width: 70%; }
</style>
</head>
<body>
<header><span class="brand">Your website</span><span class="label" data-sample="${input.data.sample}">${escapeHtml(label)}</span></header>
<main aria-hidden="true">
  <div class="hero"></div>
  <div class="line"></div><div class="line"></div>
  <div class="grid"><div class="card"></div><div class="card"></div><div class="card"></div><div class="card"></div></div>
</main>
<script type="application/json" id="proofhook-preview-data">${jsonForScriptElement(input.data.payload)}</script>
<script type="module" src="${escapeHtml(input.previewScriptUrl)}"></script>
<script src="${escapeHtml(input.widgetScriptUrl)}" data-key="${escapeHtml(input.widgetKey)}" data-debug data-offline nonce="${nonce}" async></script>
</body>
</html>
`;
}
