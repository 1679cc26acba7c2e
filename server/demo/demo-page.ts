// The demo page's HTML. Everything interpolated is escaped; the page has no inline script (CSP).

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export const DEMO_PRODUCT_IMAGE_PATH = '/demo/sneakers.svg';

/**
 * The sample conversion the page offers. No timestamp, so the popup says "just now" whenever it is
 * sent; the product image is served by this server, which the page's own CSP (img-src 'self') allows.
 */
export function demoSample(baseUrl: string) {
  return {
    email: 'maria.garcia@example.com',
    firstName: 'Maria',
    lastName: 'Garcia',
    city: 'Austin',
    countryCode: 'US',
    productName: 'Sneakers',
    productImage: `${baseUrl}${DEMO_PRODUCT_IMAGE_PATH}`,
    total: 89,
    currency: 'USD',
  };
}

export function renderDemoPage(input: { widgetKey: string; ingestUrl: string; baseUrl: string }): string {
  const curl = `curl -X POST '${input.ingestUrl}' \\
  -H 'Content-Type: application/json' \\
  -d '${JSON.stringify(demoSample(input.baseUrl))}'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Proofhook demo</title>
<link rel="icon" href="data:,">
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
  main { max-width: 760px; margin: 0 auto; padding: 48px 24px 160px; }
  /* Long URLs and JSON wrap inside the box rather than being cut at its edge. */
  pre { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px; font-size: 14px;
        white-space: pre-wrap; overflow-wrap: anywhere; }
  h1 { font-size: 28px; margin: 0 0 8px; }
</style>
</head>
<body>
<main>
  <h1>Proofhook demo shop</h1>
  <p>This page embeds the demo site's widget. Send a conversion to the demo webhook and watch the
  popup appear in the corner within a second:</p>
  <pre>${escapeHtml(curl)}</pre>
  <p>It carries no time, so the popup says it happened just now. The embed code on this page is the whole install:</p>
  <pre>${escapeHtml(`<script src="/widget.js" data-key="${input.widgetKey}" async></script>`)}</pre>
</main>
<script src="/widget.js" data-key="${escapeHtml(input.widgetKey)}" async></script>
</body>
</html>
`;
}
