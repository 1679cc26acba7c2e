// The CSV export: every stored conversion with the fields the API shows, safe to open in a
// spreadsheet, and read back by the import as the same conversions (then as duplicates).
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Conversion } from '../../server/conversions/conversion.types.ts';
import { EXPORT_COLUMNS } from '../../server/imports/export-csv.ts';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';
import { comparable, conversionsOf, exportCsv, importCsv } from './import-support.ts';

let t: AnyTestApp;

const ORDERS = [
  'Order Date,Email,First Name,Last Name,City,State,Country,Product,Total,Currency',
  '2024-03-05 14:10,maria.garcia@example.com,Maria,Garcia,Austin,TX,US,"Sneakers, red",49.90,USD',
  '"March 6, 2024",john.smith@example.com,,,Leeds,,GB,Poster,12,GBP',
  '2024-03-07T08:00:00Z,ana@example.com,Ana,"O\'Neil ""Jr""",Lisbon,,PT,"Mug',
  'large",8.5,EUR',
  '2024-03-08,,Jo,,,,,Gift card,,',
].join('\n');

const byTime = (list: Conversion[]) => [...list].sort((a, b) => a.timestamp - b.timestamp).map(comparable);

describe.each(appBackends('csv export'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const secondNotification = async (siteId: number) =>
    (await t.api.post(`/api/sites/${siteId}/notifications`, { name: 'Copy' }).expect(201)).body.id as number;

  test('the export has a header of the API fields and one line per conversion, as an attachment', async () => {
    const { notification } = await createNotification(t);
    await importCsv(t, notification.id, ORDERS).expect(200);
    const res = await request(t.app)
      .get(`/api/notifications/${notification.id}/conversions.csv`)
      .set('Authorization', 'Bearer test-admin-token-0123456789')
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
    const text = await exportCsv(t, notification.id);
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.email === 'maria.garcia@example.com')).toMatchObject({
      timestamp: '2024-03-05T14:10:00.000Z',
      productName: 'Sneakers, red',
      total: '49.9',
      nameDerived: 'false',
    });
  });

  test('export → import round-trips: the same conversions, then all duplicates', async () => {
    const { notification, site } = await createNotification(t);
    expect((await importCsv(t, notification.id, ORDERS).expect(200)).body).toMatchObject({ imported: 4, errors: [] });
    const original = await conversionsOf(t, notification.id);
    // A name guessed from the email is exported with nameDerived, and guessed again on the way back.
    expect(original.find((c) => c.email === 'john.smith@example.com')).toMatchObject({
      firstName: 'John',
      nameDerived: true,
    });
    const exported = await exportCsv(t, notification.id);

    const copyId = await secondNotification(site.id);
    const first = await importCsv(t, copyId, exported).expect(200);
    expect(first.body).toMatchObject({ imported: 4, duplicates: 0, ignored: 0, errors: [] });
    expect(byTime(await conversionsOf(t, copyId))).toEqual(byTime(original));

    const again = await importCsv(t, copyId, exported).expect(200);
    expect(again.body).toMatchObject({ imported: 0, duplicates: 4 });
    // Into the notification it came from: nothing new either.
    expect((await importCsv(t, notification.id, exported).expect(200)).body).toMatchObject({ duplicates: 4 });
  });

  test('conversions that came by webhook round-trip too, line items included', async () => {
    const { notification, site, hookPath } = await createNotification(t);
    const order = {
      email: 'zoe@example.com',
      first_name: 'Zoë',
      line_items: [
        { name: 'Socks', price: 5, quantity: 2 },
        { name: 'Boots', price: 120, quantity: 1 },
      ],
      currency: 'EUR',
      total: 130,
      created_at: '2026-11-20T10:00:00Z',
    };
    await request(t.app).post(hookPath).send(order).expect(200);
    const copyId = await secondNotification(site.id);
    expect((await importCsv(t, copyId, await exportCsv(t, notification.id)).expect(200)).body.imported).toBe(1);
    expect(byTime(await conversionsOf(t, copyId))).toEqual(byTime(await conversionsOf(t, notification.id)));
  });

  test('cells that a spreadsheet would run as a formula are written as text, and read back as they were', async () => {
    const { notification, site } = await createNotification(t);
    const product = '=HYPERLINK("https://evil.example","Click")';
    await t.api
      .post(`/api/notifications/${notification.id}/conversions`, { productName: product, city: '@SUM(1+1)' })
      .expect(201);
    await t.api.post(`/api/notifications/${notification.id}/conversions`, { productName: '+1-555-0100' }).expect(201);
    const text = await exportCsv(t, notification.id);
    const cells = (parse(text, { bom: true }) as string[][]).flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(cells).toContain(`'${product}`);
    expect(cells).toContain("'@SUM(1+1)");

    const copyId = await secondNotification(site.id);
    await importCsv(t, copyId, text).expect(200);
    const names = (await conversionsOf(t, copyId)).map((c) => c.productName).sort();
    expect(names).toEqual(['+1-555-0100', product]);
  });

  test('a long history is streamed page by page, every conversion once', async () => {
    const { notification } = await createNotification(t);
    const rows = Array.from({ length: 1203 }, (_, i) => `p${i}@example.com,Hat,${1709647800 + i * 60}`);
    expect(
      (await importCsv(t, notification.id, `email,product,date\n${rows.join('\n')}`).expect(200)).body.imported,
    ).toBe(1203);
    const exported = parse(await exportCsv(t, notification.id), { columns: true, bom: true }) as { email: string }[];
    expect(new Set(exported.map((r) => r.email)).size).toBe(1203);
  });

  test('an unknown notification is a 404 in the usual envelope', async () => {
    const res = await t.api.get('/api/notifications/9999/conversions.csv').expect(404);
    expect(res.body.error.code).toBe('not-found');
  });
});
