// CSV import through the real admin route: any column names, quoting, BOM, separators, bad and
// duplicate rows, stored as history (never pushed live), on every storage backend.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';
import { type WidgetClient, connectWidget, listen, waitFor } from '../support/widget-client.ts';
import { at, conversionsOf, importCsv } from './import-support.ts';

let t: AnyTestApp;
const clients: WidgetClient[] = [];

const SHOP_EXPORT = [
  'Order #,Order Date,Customer E-mail,Billing First Name,Billing Last Name,Ship City,Ship Country,Product,Amount,Currency',
  '1001,2024-03-05 14:10:00,maria.garcia@example.com,Maria,Garcia,Austin,US,"Sneakers, red",49.90,USD',
  '1002,2024-03-06 09:00:00,jean@example.com,Jean,Dupont,Paris,FR,"Poster ""Wave""",12.50,EUR',
  '1003,2024-03-07 18:30:00,ana@example.com,Ana,Silva,Lisbon,PT,"Mug',
  'with a line break",8,EUR',
].join('\n');

describe.each(appBackends('csv import'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    if (t.httpServer.listening) {
      t.realtime.close();
      await new Promise((resolve) => t.io.close(resolve));
    }
    await t.close();
  });

  test('any column names: each row is read like a webhook body, quoted fields and all', async () => {
    const { notification } = await createNotification(t);
    const res = await importCsv(t, notification.id, SHOP_EXPORT).expect(200);
    expect(res.body).toMatchObject({ rows: 3, imported: 3, duplicates: 0, ignored: 0, errors: [], separator: ',' });
    const stored = await conversionsOf(t, notification.id);
    const [maria, jean, ana] = ['maria.garcia', 'jean', 'ana'].map((name) =>
      stored.find((c) => c.email === `${name}@example.com`),
    );
    expect(maria).toMatchObject({
      email: 'maria.garcia@example.com',
      firstName: 'Maria',
      lastName: 'Garcia',
      city: 'Austin',
      countryCode: 'US',
      productName: 'Sneakers, red',
      total: 49.9,
      currency: 'USD',
      timestamp: at('2024-03-05T14:10:00Z'),
    });
    expect(jean).toMatchObject({ productName: 'Poster "Wave"', total: 12.5, currency: 'EUR', countryCode: 'FR' });
    expect(ana?.productName).toBe('Mug\nwith a line break');
    // Counted by its own date, not the import's: the conversion was received when it happened.
    expect(maria?.receivedAt).toBe(at('2024-03-05T14:10:00Z'));
  });

  test('imported rows are marked in the inspector and carry the row as their body', async () => {
    const { notification } = await createNotification(t);
    await importCsv(t, notification.id, SHOP_EXPORT).expect(200);
    const { deliveries } = (await t.api.get(`/api/notifications/${notification.id}/deliveries`).expect(200)).body;
    expect(deliveries).toHaveLength(3);
    const first = deliveries.find((d: { reason: string | null }) => d.reason?.startsWith('row 1 '));
    expect(first).toMatchObject({ method: 'IMPORT', outcome: 'accepted', contentType: 'application/json' });
    const detail = (await t.api.get(`/api/deliveries/${first.id}`).expect(200)).body;
    expect(JSON.parse(detail.bodyText)).toMatchObject({ 'Customer E-mail': 'maria.garcia@example.com' });
    expect(detail.fieldSources.email).toBe('["Customer E-mail"]');
  });

  test('a BOM and `;` separators with decimal commas; columns detection misses are mapped for the file', async () => {
    const { notification } = await createNotification(t);
    const csv =
      '\uFEFFE-Mail;Vorname;Produkt;Betrag;Datum\r\nlena@example.com;Lena;"Rucksack; grau";"49,90";2024-03-05\r\n';
    const map = { firstName: 'Vorname', productName: 'Produkt', total: 'Betrag', timestamp: 'Datum' };
    const res = await importCsv(t, notification.id, csv, `?map=${encodeURIComponent(JSON.stringify(map))}`).expect(200);
    expect(res.body).toMatchObject({ imported: 1, separator: ';', errors: [] });
    expect(res.body.columns[0]).toBe('E-Mail'); // the BOM is not part of the first column's name
    expect(res.body.mapping).toMatchObject({
      email: { column: 'E-Mail', by: 'detected' },
      productName: { column: 'Produkt', by: 'import' },
    });
    const [lena] = await conversionsOf(t, notification.id);
    expect(lena).toMatchObject({
      email: 'lena@example.com',
      firstName: 'Lena',
      productName: 'Rucksack; grau',
      total: 49.9,
      timestamp: at('2024-03-05T00:00:00Z'),
    });
  });

  test('tab-separated files (a spreadsheet\'s "Unicode text", in UTF-16 with its BOM) are read too', async () => {
    const { notification } = await createNotification(t);
    const tsv = 'email\tfirst_name\tproduct\ncho@example.com\tCho\tTea, green\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
    const res = await importCsv(t, notification.id, utf16).expect(200);
    expect(res.body).toMatchObject({ imported: 1, separator: '\t', charset: 'utf-16le' });
    expect((await conversionsOf(t, notification.id))[0]).toMatchObject({ firstName: 'Cho', productName: 'Tea, green' });
  });

  test('bad rows are reported by row number and never stop the good ones', async () => {
    const { notification } = await createNotification(t);
    const csv = [
      'email,name,product,date',
      'ok1@example.com,Ann,Hat,2024-03-05',
      'ok2@example.com,Bob,Hat,not a date',
      ',,,', // padding a spreadsheet adds: skipped, not a row
      'ok3@example.com,Cy,Hat,2024-03-05,extra,cells',
      ',,,2024-03-05',
      'ok4@example.com,Di,Scarf,2024-03-06',
      'ok5@example.com,Ed,"never closed,2024-03-07',
      'ok6@example.com,Fay,Hat,2024-03-08',
    ].join('\n');
    const res = await importCsv(t, notification.id, csv).expect(200);
    expect(res.body).toMatchObject({ imported: 2, duplicates: 0, ignored: 1 });
    expect(res.body.errors).toEqual([
      { row: 2, reason: expect.stringMatching(/"not a date" in column "date" is not a date/) },
      { row: 4, reason: expect.stringMatching(/6 cells where the header has 4 columns/) },
      { row: 7, reason: expect.stringMatching(/quoted field is never closed/) },
    ]);
    expect(res.body.ignoredRows).toEqual([{ row: 5, reason: 'nothing to show: no email, name or product' }]);
    const emails = (await conversionsOf(t, notification.id)).map((c) => c.email);
    expect(emails.sort()).toEqual(['ok1@example.com', 'ok4@example.com']);
  });

  test('rows the popup would not show are ignored with the reason, as webhooks are', async () => {
    const { notification } = await createNotification(t);
    const csv = 'email,product,financial_status\npaid@example.com,Hat,paid\nback@example.com,Hat,refunded\n';
    const res = await importCsv(t, notification.id, csv).expect(200);
    expect(res.body).toMatchObject({ imported: 1, ignored: 1 });
    expect(res.body.ignoredRows[0]).toMatchObject({ row: 2, reason: expect.stringContaining('refunded') });
  });

  test('a row without an email is kept when it has a name or a product to show', async () => {
    const { notification } = await createNotification(t);
    const csv = 'First Name,City,Product\nMaria,Austin,Sneakers\n,Berlin,Poster\n,Paris,\n';
    const res = await importCsv(t, notification.id, csv).expect(200);
    expect(res.body).toMatchObject({ imported: 2, ignored: 1 });
    const products = (await conversionsOf(t, notification.id)).map((c) => c.productName);
    expect(products.sort()).toEqual(['Poster', 'Sneakers']);
  });

  test('duplicate rows: repeated in the file, or already stored, are counted and not stored again', async () => {
    const { notification } = await createNotification(t);
    const row = 'maria@example.com,Maria,Sneakers,49.90,2024-03-05T14:10:00Z';
    const csv = ['email,first name,product,total,created_at', row, row, 'jo@example.com,Jo,Hat,5,2024-03-06'].join(
      '\n',
    );
    expect((await importCsv(t, notification.id, csv).expect(200)).body).toMatchObject({ imported: 2, duplicates: 1 });
    expect((await importCsv(t, notification.id, csv).expect(200)).body).toMatchObject({ imported: 0, duplicates: 3 });
    expect(await conversionsOf(t, notification.id)).toHaveLength(2);
  });

  test('with the order number mapped to eventId, the same order twice is one, even when the rows differ', async () => {
    const { notification } = await createNotification(t);
    const csv = 'order_id,email,product\nA-1,maria@example.com,Sneakers\nA-1,maria@example.com,Sneakers (size 40)\n';
    const map = encodeURIComponent(JSON.stringify({ eventId: 'order_id' }));
    const res = await importCsv(t, notification.id, csv, `?map=${map}`).expect(200);
    expect(res.body).toMatchObject({ imported: 1, duplicates: 1 });
  });

  test('each row keeps its own date, in any common style', async () => {
    const { notification } = await createNotification(t);
    const csv = [
      'email,product,Order Date',
      'iso@example.com,Hat,2024-03-05T14:10:00Z',
      'us@example.com,Hat,05/03/2024 14:10',
      'long@example.com,Hat,"March 5, 2024"',
      'epoch@example.com,Hat,1709647800',
      'rfc@example.com,Hat,"Tue, 05 Mar 2024 14:10:00 +0100"',
      'day@example.com,Hat,5 Mar 2024 2:10 PM',
      'dots@example.com,Hat,05.03.2024 14:10',
      'none@example.com,Hat,',
    ].join('\n');
    const res = await importCsv(t, notification.id, csv).expect(200);
    expect(res.body).toMatchObject({ imported: 8, errors: [], dateOrder: 'month-first' });
    const times = Object.fromEntries((await conversionsOf(t, notification.id)).map((c) => [c.email, c.timestamp]));
    expect(times).toEqual({
      'iso@example.com': at('2024-03-05T14:10:00Z'),
      // Month first, as US exports and the webhook reader take a slashed date.
      'us@example.com': at('2024-05-03T14:10:00Z'),
      'long@example.com': at('2024-03-05T00:00:00Z'),
      'epoch@example.com': 1709647800_000,
      'rfc@example.com': at('2024-03-05T13:10:00Z'),
      'day@example.com': at('2024-03-05T14:10:00Z'),
      'dots@example.com': at('2024-03-05T14:10:00Z'),
      // No date: the time of the import.
      'none@example.com': t.clock.now(),
    });
  });

  test('a file whose slashed dates are day first is read day first throughout', async () => {
    const { notification } = await createNotification(t);
    const csv = 'email,product,date\na@example.com,Hat,25/03/2024\nb@example.com,Hat,05/03/2024 14:10\n';
    const res = await importCsv(t, notification.id, csv).expect(200);
    expect(res.body).toMatchObject({ imported: 2, dateOrder: 'day-first' });
    const times = Object.fromEntries((await conversionsOf(t, notification.id)).map((c) => [c.email, c.timestamp]));
    expect(times['b@example.com']).toBe(at('2024-03-05T14:10:00Z'));
  });

  test('imported rows are history: an open widget is not sent them live', async () => {
    const { site, notification } = await createNotification(t);
    const widget = connectWidget(await listen(t), { key: site.widgetKey });
    clients.push(widget);
    await waitFor(widget, 'widget:ready');
    const pushed = waitFor(widget, 'conversion:created');
    const recent = new Date(t.clock.now() - 60_000).toISOString();
    await importCsv(t, notification.id, `email,first name,product,date\nold@example.com,Olga,Hat,${recent}\n`).expect(
      200,
    );
    // The next push the widget gets is the hand-made entry after the import: the import sent none.
    await t.api.post(`/api/notifications/${notification.id}/conversions`, { firstName: 'Live', productName: 'Cap' });
    expect(await pushed).toMatchObject({ firstName: 'Live', productName: 'Cap' });
  });
});
