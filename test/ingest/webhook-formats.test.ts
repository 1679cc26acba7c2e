// Every body format a sender may use, end to end through the real webhook route.
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';

let t: AnyTestApp;

describe.each(appBackends('webhook formats'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(() => t.close());

  async function lastDelivery(notificationId: number) {
    const res = await t.api.get(`/api/notifications/${notificationId}/deliveries?limit=1`).expect(200);
    return res.body.deliveries[0];
  }

  function post(hookPath: string, contentType: string | undefined, body: Buffer | string, headers = {}) {
    // An identity serializer: superagent would otherwise JSON-encode a Buffer sent as application/json.
    const req = request(t.app)
      .post(hookPath)
      .set(headers)
      .serialize((raw: unknown) => raw as string);
    if (contentType !== undefined) req.set('Content-Type', contentType);
    return req.send(Buffer.isBuffer(body) ? body : Buffer.from(body));
  }

  describe('webhook body formats', () => {
    test.each([
      ['application/json', '{"email":"Ann@Example.com","firstName":"Ann"}'],
      ['application/json; charset=utf-8', '{"email":"ann@example.com","firstName":"Ann"}'],
      ['application/vnd.api+json', '{"data":{"attributes":{"email":"ann@example.com","first_name":"Ann"}}}'],
      ['application/cloudevents+json', '{"specversion":"1.0","data":{"email":"ann@example.com","firstName":"Ann"}}'],
      ['application/x-www-form-urlencoded', 'email=ann%40example.com&first_name=Ann'],
      [
        'application/x-www-form-urlencoded',
        'data%5Bmerges%5D%5BEMAIL%5D=ann%40example.com&data%5Bmerges%5D%5BFNAME%5D=Ann',
      ],
      ['application/x-www-form-urlencoded', 'contact[email]=ann@example.com&contact[first_name]=Ann'],
      ['text/plain', '{"email":"ann@example.com","firstName":"Ann"}'],
      ['text/plain', 'New signup: Ann <ann@example.com>'],
      [undefined, '{"email":"ann@example.com","firstName":"Ann"}'],
      [undefined, 'email=ann%40example.com&fname=Ann'],
      ['application/x-www-form-urlencoded', '{"email":"ann@example.com","firstName":"Ann"}'],
      ['application/json', 'email=ann%40example.com&first_name=Ann'],
      ['application/octet-stream', '{"email":"ann@example.com","firstName":"Ann"}'],
    ])('%s body %s becomes a conversion for ann@example.com', async (type, body) => {
      const { notification, hookPath } = await createNotification(t);
      const res = await post(hookPath, type, body);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('accepted');
      const delivery = await lastDelivery(notification.id);
      expect(delivery.normalized.email).toBe('ann@example.com');
      expect(delivery.normalized.firstName).toBe('Ann');
    });

    test('form fields holding JSON are parsed and searched', async () => {
      const { notification, hookPath } = await createNotification(t);
      const json = JSON.stringify({ customer: { email: 'deep@example.com', first_name: 'Dee' } });
      await post(hookPath, 'application/x-www-form-urlencoded', `payload=${encodeURIComponent(json)}`).expect(200);
      const delivery = await lastDelivery(notification.id);
      expect(delivery.normalized).toMatchObject({ email: 'deep@example.com', firstName: 'Dee' });
      expect(delivery.fieldSources.email).toContain('customer.email');
    });

    test('bracket-nested products pick the most expensive item', async () => {
      const { notification, hookPath } = await createNotification(t);
      const body =
        'email=a%40b.co&products[0][name]=Socks&products[0][price]=5&products[1][name]=Boots&products[1][price]=120.50&products[2][name]=Laces&products[2][price]=2';
      await post(hookPath, 'application/x-www-form-urlencoded', body).expect(200);
      const delivery = await lastDelivery(notification.id);
      expect(delivery.normalized).toMatchObject({ productName: 'Boots', moreProducts: 2 });
    });

    test('multipart fields are read and files are noted, not stored as fields', async () => {
      const { notification, hookPath } = await createNotification(t);
      const res = await request(t.app)
        .post(hookPath)
        .field('email', 'multi@example.com')
        .field('contact[first_name]', 'Mia')
        .attach('resume', Buffer.from('%PDF-1.4 fake'), 'cv.pdf');
      expect(res.body.status).toBe('accepted');
      const delivery = await lastDelivery(notification.id);
      expect(delivery.normalized).toMatchObject({ email: 'multi@example.com', firstName: 'Mia' });
      expect(delivery.reason).toContain('cv.pdf');
    });

    test.each([
      ['iso-8859-1', 'latin1'],
      ['windows-1252', 'windows-1252'],
    ])('a form body in %s keeps non-ASCII names intact', async (charset, encoding) => {
      const { notification, hookPath } = await createNotification(t);
      const body = iconv.encode('email=jose@example.com&first_name=José&last_name=Nuñez', encoding);
      await post(hookPath, `application/x-www-form-urlencoded; charset=${charset}`, body).expect(200);
      const delivery = await lastDelivery(notification.id);
      expect(delivery.normalized).toMatchObject({ firstName: 'José', lastName: 'Nuñez' });
    });

    test('a JSON body in windows-1252 keeps its accents', async () => {
      const { notification, hookPath } = await createNotification(t);
      const body = iconv.encode('{"email":"zoe@example.com","firstName":"Zoë"}', 'windows-1252');
      await post(hookPath, 'application/json; charset=windows-1252', body).expect(200);
      expect((await lastDelivery(notification.id)).normalized.firstName).toBe('Zoë');
    });

    test('UTF-8 names in any script survive', async () => {
      const { notification, hookPath } = await createNotification(t);
      await post(
        hookPath,
        'application/json',
        JSON.stringify({ email: 'y@example.jp', firstName: '山田', lastName: '太郎' }),
      );
      expect((await lastDelivery(notification.id)).normalized).toMatchObject({ firstName: '山田', lastName: '太郎' });
    });

    test.each([
      ['gzip', zlib.gzipSync],
      ['x-gzip', zlib.gzipSync],
      ['deflate', zlib.deflateSync],
      ['br', zlib.brotliCompressSync],
    ] as const)('a %s-compressed body is decompressed', async (encoding, compress) => {
      const { notification, hookPath } = await createNotification(t);
      const body = compress(Buffer.from('{"email":"zip@example.com"}'));
      const res = await post(hookPath, 'application/json', body, { 'Content-Encoding': encoding });
      expect(res.body.status).toBe('accepted');
      expect((await lastDelivery(notification.id)).normalized.email).toBe('zip@example.com');
    });

    test('a gzip bomb over the cap once decompressed is refused with 413', async () => {
      const { hookPath } = await createNotification(t);
      const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const res = await post(hookPath, 'application/json', bomb, { 'Content-Encoding': 'gzip' });
      expect(res.status).toBe(413);
    });

    test('a corrupt gzip body is unparsed (200) with the reason logged', async () => {
      const { notification, hookPath } = await createNotification(t);
      const res = await post(hookPath, 'application/json', Buffer.from('not gzip at all'), {
        'Content-Encoding': 'gzip',
      });
      expect(res.body.status).toBe('unparsed');
      expect((await lastDelivery(notification.id)).reason).toBeTruthy();
    });

    test('the raw bytes are kept exactly as sent', async () => {
      const { notification, hookPath } = await createNotification(t);
      const body = Buffer.from([0x7b, 0x22, 0x65, 0x22, 0x3a, 0xff, 0xfe, 0x7d]);
      await post(hookPath, 'application/json', body).expect(200);
      const delivery = await lastDelivery(notification.id);
      const raw = await t.api.get(`/api/deliveries/${delivery.id}/body`).buffer(true);
      expect(Buffer.compare(Buffer.from(raw.body), body)).toBe(0);
    });
  });
});
