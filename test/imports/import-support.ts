// Helpers for the import, manual entry and export suites: the admin routes as a script calls them.
import request from 'supertest';
import type { Conversion } from '../../server/conversions/conversion.types.ts';
import { ADMIN_TOKEN, type AnyTestApp } from '../support/test-app.ts';

/** POSTs a CSV file (text or exact bytes) to a notification's import route. */
export function importCsv(t: AnyTestApp, notificationId: number, csv: string | Buffer, query = '') {
  return request(t.app)
    .post(`/api/notifications/${notificationId}/import${query}`)
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
    .set('Content-Type', 'text/csv')
    .send(Buffer.isBuffer(csv) ? csv : Buffer.from(csv));
}

/** Every stored conversion of a notification, newest first. */
export async function conversionsOf(t: AnyTestApp, notificationId: number): Promise<Conversion[]> {
  const res = await t.api.get(`/api/notifications/${notificationId}/conversions?limit=500`).expect(200);
  return res.body.conversions;
}

/** The export as text (without its BOM), through the real route. */
export async function exportCsv(t: AnyTestApp, notificationId: number): Promise<string> {
  const res = await request(t.app)
    .get(`/api/notifications/${notificationId}/conversions.csv`)
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    })
    .expect(200);
  return res.body as string;
}

/** A conversion without what differs between two copies of it (ids, arrival, dedupe key). */
export function comparable(c: Conversion) {
  const { id: _id, deliveryId: _d, notificationId: _n, siteId: _s, receivedAt: _r, dedupeKey: _k, ...fields } = c;
  return fields;
}

/** ISO time → epoch ms, for readable expectations. */
export const at = (iso: string) => Date.parse(iso);
