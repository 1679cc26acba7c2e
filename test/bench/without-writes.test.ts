// The ingest figure's rung (d), `bench/lib/without-writes.ts`: Proofhook's server with everything but
// the database write. It must do the real ack's work (read, normalize, answer, push to widgets) and
// write no delivery and no conversion, or the rung would not measure what it says.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conversionBody } from '../../bench/lib/payloads.ts';
import { type ServerWithoutWrites, createServerWithoutWrites } from '../../bench/lib/without-writes.ts';
import { DEFAULT_TEMPLATES } from '../../server/notifications/message-template.ts';
import type { Notification } from '../../server/notifications/notification.types.ts';
import type { Site } from '../../server/notifications/site.types.ts';
import { connectWidget, listen, waitFor } from '../support/widget-client.ts';

let dataDir: string;
let server: ServerWithoutWrites;
let baseUrl: string;
let site: Site;
let notification: Notification;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'proofhook-without-writes-test-'));
  server = await createServerWithoutWrites({ dataDir, adminToken: 'without-writes-admin-token-0123456789' });
  baseUrl = await listen(server);
  site = await server.storage.sites.create({ name: 'Bench Shop', allowedOrigins: [] });
  notification = await server.storage.notifications.create({
    siteId: site.id,
    kind: 'stream',
    name: 'Recent purchases',
    messageTemplate: DEFAULT_TEMPLATES.stream,
    display: {},
  });
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the ingest bench's server without the write", () => {
  test.each(['json', 'form'] as const)(
    'accepts a %s webhook, pushes it to widgets and stores nothing',
    async (format) => {
      const widget = connectWidget(baseUrl, { key: site.widgetKey });
      try {
        await waitFor(widget, 'widget:ready');
        const pushed = waitFor(widget, 'conversion:created');
        const response = await fetch(`${baseUrl}/hooks/${notification.ingestToken}`, {
          method: 'POST',
          headers: {
            'content-type': format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
          },
          body: conversionBody(format, 7),
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ ok: true, status: 'accepted' });
        const conversion = await pushed;
        expect(conversion).toMatchObject({
          notificationId: notification.id,
          firstName: 'Maria',
          lastInitial: 'G',
          city: 'Austin',
          productName: 'Trail Running Sneakers',
        });
        expect(JSON.stringify(conversion)).not.toContain('maria.garcia');
      } finally {
        widget.close();
      }
      expect(await server.storage.deliveries.countSince(notification.id, 0)).toMatchObject({ deliveries: 0 });
      expect(await server.storage.conversions.countSince(notification.id, 0)).toBe(0);
    },
  );
});
