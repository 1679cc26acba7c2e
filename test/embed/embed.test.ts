// The widget script and the snippet: caching, cross-origin headers, Subresource Integrity, the demo page.
import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { ensureDemoSite } from '../../server/demo/demo-site.ts';
import { toWidgetBundle } from '../../server/embed/widget-bundle.ts';
import { type TestApp, createTestApp } from '../support/test-app.ts';

const code = Buffer.from('(function(){/* widget */})();');
let t: TestApp;
afterEach(() => t.close());

describe('widget script', () => {
  test('/widget.js is served briefly cached and usable from any origin', async () => {
    t = createTestApp({ widgetBundle: toWidgetBundle(code) });
    const res = await request(t.app).get('/widget.js').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.text).toBe(code.toString());
  });

  test('the content-hashed URL is cached forever; a stale hash is a 404', async () => {
    const bundle = toWidgetBundle(code);
    t = createTestApp({ widgetBundle: bundle });
    const res = await request(t.app).get(`/widget.${bundle.hash}.js`).expect(200);
    expect(res.headers['cache-control']).toContain('immutable');
    await request(t.app).get('/widget.000000000000.js').expect(404);
  });

  test('other routes keep the strict same-origin resource policy', async () => {
    t = createTestApp({ widgetBundle: toWidgetBundle(code) });
    const res = await request(t.app).get('/healthz').expect(200);
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  test('without a build the script answers 503 saying how to build it', async () => {
    t = createTestApp();
    const res = await request(t.app).get('/widget.js').expect(503);
    expect(res.body.error.message).toContain('npm run build');
  });

  test('the admin API returns the snippet with an integrity hash that matches the served bytes', async () => {
    const bundle = toWidgetBundle(code);
    t = createTestApp({ widgetBundle: bundle });
    const site = (await t.api.post('/api/sites', { name: 'Shop' }).expect(201)).body;
    const src = /src="([^"]+)"/.exec(site.embedSnippet)?.[1] as string;
    const integrity = /integrity="([^"]+)"/.exec(site.embedSnippet)?.[1];
    expect(src).toBe(`https://proof.example.com/widget.${bundle.hash}.js`);
    expect(site.embedSnippet).toContain(`data-key="${site.widgetKey}"`);
    expect(site.embedSnippet).toContain('crossorigin="anonymous"');
    expect(site.embedSnippet).toContain(' async>');
    const served = await request(t.app).get(new URL(src).pathname).expect(200);
    expect(integrity).toBe(`sha384-${createHash('sha384').update(served.text).digest('base64')}`);
  });
});

describe('demo page', () => {
  test('embeds the demo site widget and shows the curl for its webhook, with no inline script', async () => {
    t = createTestApp({ widgetBundle: toWidgetBundle(code) });
    const demo = await ensureDemoSite(t.storage);
    const res = await request(t.app).get('/demo').expect(200);
    expect(res.text).toContain(`<script src="/widget.js" data-key="${demo.site.widgetKey}" async></script>`);
    expect(res.text).toContain(`https://proof.example.com/hooks/${demo.notification.ingestToken}`);
    expect(res.text).not.toMatch(/<script>(?!<\/script>)/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  test('the demo site is created once and reused', async () => {
    t = createTestApp();
    const first = await ensureDemoSite(t.storage);
    const second = await ensureDemoSite(t.storage);
    expect(second.site.id).toBe(first.site.id);
    expect((await t.storage.sites.list()).length).toBe(1);
  });

  test('without a demo site /demo is a 404', async () => {
    t = createTestApp();
    await request(t.app).get('/demo').expect(404);
  });
});
