// DEMO decides whether the demo page is served. Off (DEMO=false, or NODE_ENV=production without
// DEMO), /demo is a 404 even when an earlier start with the demo on left its site in the database.
import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { readConfig } from '../../server/config.ts';
import { ensureDemoSite } from '../../server/demo/demo-site.ts';
import { type TestApp, createTestApp, stopTestApp } from '../support/test-app.ts';

let t: TestApp | undefined;
afterEach(() => t && stopTestApp(t));

describe('the demo switch', () => {
  test('on, /demo shows the demo site with its webhook URL', async () => {
    t = createTestApp({ config: { demo: true } });
    const demo = await ensureDemoSite(t.storage);
    const page = await request(t.app).get('/demo').expect(200);
    expect(page.text).toContain(`/hooks/${demo.notification.ingestToken}`);
  });

  test('off, /demo is a 404 that says how to turn it on, even with a demo site left from before', async () => {
    t = createTestApp({ config: { demo: false } });
    const demo = await ensureDemoSite(t.storage);
    const page = await request(t.app).get('/demo').expect(404);
    expect(page.body.error.message).toMatch(/DEMO=true/);
    expect(page.text).not.toContain(demo.notification.ingestToken);
  });

  test('a production start without DEMO has it off; a try-out start has it on', () => {
    expect(readConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(readConfig({}).demo).toBe(true);
  });
});
