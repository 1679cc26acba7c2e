// The import's dry run (the admin's preview of the detected mapping), its own column mapping, and
// what it refuses: files over 10 MiB or 50,000 rows, bodies that are not a file, wrong targets.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../server/imports/csv-file.ts';
import { MAX_IMPORT_ROWS } from '../../server/imports/csv-rows.ts';
import { appBackends } from '../support/app-backends.ts';
import { ADMIN_TOKEN, type AnyTestApp, createNotification } from '../support/test-app.ts';
import { conversionsOf, importCsv } from './import-support.ts';

let t: AnyTestApp;

const TWO_EMAILS = [
  'Referrer Email,Buyer Email,Buyer,Item,Paid',
  'partner@example.com,maria@example.com,Maria Garcia,Sneakers,49.90',
  'partner@example.com,jo@example.com,Jo Lee,Hat,5',
].join('\n');

const mapQuery = (map: object, more = '') => `?map=${encodeURIComponent(JSON.stringify(map))}${more}`;

describe.each(appBackends('import preview and limits'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(async () => {
    await t.close();
  });

  test('a dry run shows the detected mapping and the first rows as they would be stored, storing nothing', async () => {
    const { notification } = await createNotification(t);
    const res = await importCsv(t, notification.id, TWO_EMAILS, '?dryRun=1').expect(200);
    expect(res.body).toMatchObject({ dryRun: true, rows: 2, imported: 2, duplicates: 0, ignored: 0 });
    expect(res.body.columns).toEqual(['Referrer Email', 'Buyer Email', 'Buyer', 'Item', 'Paid']);
    expect(res.body.preview).toHaveLength(2);
    expect(res.body.preview[0]).toMatchObject({
      row: 1,
      outcome: 'imported',
      conversion: { email: expect.any(String) },
    });
    expect(res.body.mapping.email).toMatchObject({ by: 'detected' });
    expect(await conversionsOf(t, notification.id)).toEqual([]);
  });

  test('a mapping for the file overrides detection, in the preview and in the import', async () => {
    const { notification } = await createNotification(t);
    const map = { email: 'Buyer Email', productName: 'Item', total: 'Paid' };
    const preview = await importCsv(t, notification.id, TWO_EMAILS, mapQuery(map, '&dryRun=true')).expect(200);
    expect(preview.body.mapping).toMatchObject({
      email: { column: 'Buyer Email', by: 'import' },
      productName: { column: 'Item', by: 'import' },
    });
    expect(preview.body.preview[0].conversion).toMatchObject({ email: 'maria@example.com', productName: 'Sneakers' });
    await importCsv(t, notification.id, TWO_EMAILS, mapQuery(map)).expect(200);
    const stored = await conversionsOf(t, notification.id);
    expect(stored.map((c) => [c.email, c.productName, c.total]).sort()).toEqual([
      ['jo@example.com', 'Hat', 5],
      ['maria@example.com', 'Sneakers', 49.9],
    ]);
    // The notification's own field map (for its webhooks) is untouched.
    expect((await t.api.get(`/api/notifications/${notification.id}`).expect(200)).body.fieldMap).toBeNull();
  });

  test("the notification's field map applies to rows as to webhooks, and a file's mapping can set an entry aside", async () => {
    const { notification } = await createNotification(t);
    await t.api.patch(`/api/notifications/${notification.id}`, { fieldMap: { email: '["Buyer Email"]' } }).expect(200);
    const mapped = await importCsv(t, notification.id, TWO_EMAILS, '?dryRun=1').expect(200);
    expect(mapped.body.mapping.email).toEqual({ column: 'Buyer Email', by: 'notification' });
    const aside = await importCsv(t, notification.id, TWO_EMAILS, mapQuery({ email: null }, '&dryRun=1')).expect(200);
    expect(aside.body.mapping.email.by).toBe('detected');
  });

  test('a mapping naming an unknown field or a column the file lacks is a 400 that says so', async () => {
    const { notification } = await createNotification(t);
    const unknownField = await importCsv(t, notification.id, TWO_EMAILS, mapQuery({ colour: 'Item' })).expect(400);
    expect(unknownField.body.error).toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('colour'),
    });
    const noColumn = await importCsv(t, notification.id, TWO_EMAILS, mapQuery({ email: 'Mail' })).expect(400);
    expect(noColumn.body.error.message).toBe('map.email: the file has no column "Mail"');
    await importCsv(t, notification.id, TWO_EMAILS, '?map=%7Bnope').expect(400);
  });

  test('a file over 10 MiB is refused with a 413 and nothing is stored', async () => {
    const { notification } = await createNotification(t);
    const line = 'someone@example.com,Somebody,Some product\n';
    const big = Buffer.from(`email,name,product\n${line.repeat(Math.ceil(MAX_IMPORT_BYTES / line.length) + 1)}`);
    const res = await importCsv(t, notification.id, big).expect(413);
    expect(res.body.error).toMatchObject({ code: 'payload-too-large', message: expect.stringContaining('10 MiB') });
    expect(await conversionsOf(t, notification.id)).toEqual([]);
  });

  test('a file over 50,000 rows is refused with a 413 and nothing is stored', async () => {
    const { notification } = await createNotification(t);
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `p${i}@example.com,Hat`);
    const res = await importCsv(t, notification.id, `email,product\n${rows.join('\n')}`).expect(413);
    expect(res.body.error).toMatchObject({
      code: 'payload-too-large',
      message: expect.stringContaining('50,000 rows'),
    });
    expect(await conversionsOf(t, notification.id)).toEqual([]);
  });

  test('a JSON or form body is not a CSV file: 415 with what to send instead', async () => {
    const { notification } = await createNotification(t);
    const res = await t.api
      .post(`/api/notifications/${notification.id}/import`, { email: 'a@example.com' })
      .expect(415);
    expect(res.body.error).toMatchObject({
      code: 'unsupported-media-type',
      message: expect.stringContaining('text/csv'),
    });
  });

  test('an empty file, an unknown notification and a live-visitors notification are refused clearly', async () => {
    const { notification, site } = await createNotification(t);
    const empty = await importCsv(t, notification.id, '').expect(400);
    expect(empty.body.error.message).toContain('no header line');
    await importCsv(t, 9999, TWO_EMAILS).expect(404);
    const visitors = await t.api
      .post(`/api/sites/${site.id}/notifications`, { name: 'Live visitors', kind: 'visitors' })
      .expect(201);
    const refused = await importCsv(t, visitors.body.id, TWO_EMAILS).expect(409);
    expect(refused.body.error.code).toBe('wrong-kind');
  });

  test('the import is admin-only, like every /api route', async () => {
    const { notification } = await createNotification(t);
    await request(t.app)
      .post(`/api/notifications/${notification.id}/import`)
      .set('Content-Type', 'text/csv')
      .send('email\na@example.com\n')
      .expect(401);
    await request(t.app)
      .post(`/api/notifications/${notification.id}/import`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}x`)
      .set('Content-Type', 'text/csv')
      .send('email\na@example.com\n')
      .expect(401);
    expect(await conversionsOf(t, notification.id)).toEqual([]);
  });

  test('a counter counts imported rows in the window they happened in, not as today', async () => {
    const { notification } = await createNotification(t, { kind: 'conversion', name: 'Sign-ups' });
    const hourAgo = new Date(t.clock.now() - 3_600_000).toISOString();
    const csv = `email,date\nrecent@example.com,${hourAgo}\nold@example.com,2024-03-05\n`;
    expect((await importCsv(t, notification.id, csv).expect(200)).body.imported).toBe(2);
    const stats = (await t.api.get(`/api/notifications/${notification.id}/stats`).expect(200)).body;
    expect(stats.windows['24h'].conversions).toBe(1);
  });
});
