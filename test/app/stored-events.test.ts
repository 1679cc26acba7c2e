// The bus between what ingest committed and who shows it: every listener hears every event, in the
// order they subscribed, and one that throws is logged without stopping the others.
import pino from 'pino';
import { expect, test } from 'vitest';
import type { Conversion } from '../../server/conversions/conversion.types.ts';
import type { Notification } from '../../server/notifications/notification.types.ts';
import { createStoredEvents } from '../../server/stored-events.ts';

const conversion = { id: 7, firstName: 'Ada' } as unknown as Conversion;
const notification = { id: 3, name: 'Recent purchases' } as unknown as Notification;

test('each listener of an event hears it in turn; a failing listener is logged and the next still runs', () => {
  const logged: unknown[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(JSON.parse(line)) });
  const events = createStoredEvents(logger);
  const heard: string[] = [];
  events.on('conversion', (c, n) => heard.push(`first ${c.id}/${n.id}`));
  events.on('conversion', () => {
    throw new Error('widget side broke');
  });
  events.on('conversion', (c) => heard.push(`third ${c.id}`));
  events.on('testEvent', () => heard.push('test event'));

  events.emit('conversion', conversion, notification);

  expect(heard).toEqual(['first 7/3', 'third 7']);
  expect(logged).toEqual([
    expect.objectContaining({
      event: 'conversion',
      msg: 'a listener of a stored event failed',
      err: expect.objectContaining({ message: 'widget side broke' }),
    }),
  ]);
});

test('an event nobody listens to reaches no one', () => {
  const events = createStoredEvents(pino({ level: 'silent' }));
  const heard: string[] = [];
  events.on('delivery', () => heard.push('delivery'));
  events.emit('testEvent', conversion, notification);
  expect(heard).toEqual([]);
});
