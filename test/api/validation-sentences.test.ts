// Every refusal of admin input reads as a sentence a person wrote, naming the field in words.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type TestApp, createNotification, createTestApp } from '../support/test-app.ts';

let t: TestApp;

beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

const refusal = async (res: PromiseLike<{ status: number; body: { error: { code: string; message: string } } }>) => {
  const { status, body } = await res;
  expect([status, body.error.code]).toEqual([400, 'invalid-input']);
  return body.error.message;
};

describe('validation errors as sentences', () => {
  test.each([
    [{ name: '   ' }, 'Give the site a name.'],
    [{}, 'Give the site a name.'],
    [{ name: 'x'.repeat(101) }, 'Keep the site name to 100 characters or fewer.'],
    [
      { name: 'Shop', allowedOrigins: ['shop.example.com'] },
      'The origin "shop.example.com" is not a web address: write it as https://shop.example.com.',
    ],
    [
      { name: 'Shop', allowedOrigins: ['ftp://files.example.com'] },
      'The origin "ftp://files.example.com" is not a web address: write it as https://shop.example.com.',
    ],
    [{ name: 'Shop', colour: 'red' }, 'Unknown field "colour": check the spelling.'],
  ])('site %j: %s', async (body, sentence) => {
    expect(await refusal(t.api.post('/api/sites', body))).toBe(sentence);
  });

  test('renaming a site to nothing, and origins that repeat, are caught or merged', async () => {
    const site = (await t.api.post('/api/sites', { name: 'Shop' }).expect(201)).body;
    expect(await refusal(t.api.patch(`/api/sites/${site.id}`, { name: '' }))).toBe('Give the site a name.');
    const patched = await t.api
      .patch(`/api/sites/${site.id}`, { allowedOrigins: ['https://shop.example.com/cart', 'https://shop.example.com'] })
      .expect(200);
    expect(patched.body.allowedOrigins).toEqual(['https://shop.example.com']);
  });

  test('notifications: name, kind, template and display rules in words and units', async () => {
    const { site, notification } = await createNotification(t);
    const create = (body: object) => t.api.post(`/api/sites/${site.id}/notifications`, body);
    const patch = (body: object) => t.api.patch(`/api/notifications/${notification.id}`, body);
    expect(await refusal(create({ name: '' }))).toBe('Give the notification a name.');
    expect(await refusal(create({ name: 'A', kind: 'popup' }))).toBe('Choose a kind: stream, conversion or visitors.');
    expect(await refusal(patch({ messageTemplate: ' ' }))).toBe('Write the message: the template is empty.');
    expect(await refusal(patch({ messageTemplate: 'hi {{password}}' }))).toMatch(
      /^The template has an unknown variable \{\{password\}\}: use one of \{\{name\}\}, .*\.$/,
    );
    expect(await refusal(patch({ display: { displayMs: 500 } }))).toBe(
      'The time each popup stays must be at least 1 second.',
    );
    expect(await refusal(patch({ display: { counterWindowMs: 100 * 86_400_000 } }))).toBe(
      'The time the counter counts over must be at most 90 days.',
    );
    expect(await refusal(patch({ display: { maxPerPage: 1.5 } }))).toBe(
      'The most popups per page view must be a whole number.',
    );
    expect(await refusal(patch({ display: { position: 'middle' } }))).toMatch(
      /^The position must be one of "bottom-left", /,
    );
    expect(await refusal(patch({ display: { include: ['x'.repeat(301)] } }))).toBe(
      'The pages to show on (entry 1) must be at most 300 characters long.',
    );
  });

  test('a body that is no object', async () => {
    const res = await t.api.post('/api/erase', undefined).set('Content-Type', 'application/json').send('"text"');
    expect(res.status).toBe(400);
  });
});
