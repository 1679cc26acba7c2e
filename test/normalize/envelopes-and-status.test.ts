// Sender envelopes (Kajabi, Stripe, builders), event names and ids, and unpaid orders that are not shown.
import { describe, expect, test } from 'vitest';
import { kajabiEvent, normalize, stripeCheckoutSession, stripeEvent, stripePaymentIntent } from './payload-builders.ts';

describe('normalize unwraps sender envelopes', () => {
  test.each([
    ['an array of one object', [{ email: 'k@x.com', name: 'Kay Jay' }], 'payload[0].email'],
    [
      'an array of several objects (the first is the subject)',
      [{ email: 'first@x.com' }, { email: 'second@x.com' }],
      'payload[0].email',
    ],
    ['an object', { email: 'k@x.com' }, 'payload.email'],
    ['an object with a member', { member: { email: 'k@x.com' } }, 'payload.member.email'],
  ])('normalize reads a Kajabi payload given as %s', (_, payload, emailSource) => {
    const { conversion, sources } = normalize(kajabiEvent(payload, { id: 'abc', event: 'purchase' }));
    expect(conversion).toMatchObject({ event: 'purchase', eventId: 'kajabi:purchase:abc' });
    expect(sources).toMatchObject({ email: emailSource, event: 'event', eventId: 'id' });
  });

  test("normalize accepts Kajabi's empty payload without inventing data", () => {
    const { conversion } = normalize(kajabiEvent([], { id: 123, event: 'tag_added' }));
    expect(conversion).toMatchObject({ event: 'tag_added', eventId: 'kajabi:tag_added:123', products: [] });
    expect(conversion.email).toBeUndefined();
  });

  test('normalize reads a Stripe event: type, evt_ id and data.object', () => {
    const { conversion, sources } = normalize(stripeEvent('checkout.session.completed', stripeCheckoutSession()));
    expect(conversion).toMatchObject({
      event: 'checkout.session.completed',
      eventId: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
      email: 'jenny.rosen@example.com',
      orderStatus: 'paid',
    });
    expect(conversion.notShownReason).toBeUndefined();
    expect(sources).toMatchObject({ eventId: 'id', event: 'type', email: 'data.object.customer_details.email' });
  });

  test.each([
    ['event', { event: 'order_created' }, 'order_created', 'event'],
    ['type', { type: 'form_submitted' }, 'form_submitted', 'type'],
    ['topic', { topic: 'orders/create' }, 'orders/create', 'topic'],
    ['event_type', { event_type: 'contact_updated' }, 'contact_updated', 'event_type'],
  ])('normalize reads the builder event name from `%s`', (_, fields, event, source) => {
    const { conversion, sources } = normalize({ ...fields, data: { email: 'a@x.com' } });
    expect(conversion.event).toBe(event);
    expect(sources.event).toBe(source);
  });

  test('normalize treats `data` as the subject so its email counts as top level', () => {
    const { sources } = normalize({
      event: 'order_created',
      data: { email: 'a@x.com', customer: { email: 'b@x.com' } },
    });
    expect(sources.email).toBe('data.email');
  });

  test('normalize reads a root event_id as the dedupe id', () => {
    expect(normalize({ event_id: 'E1', email: 'a@x.com' }).conversion.eventId).toBe('E1');
  });
});

describe('normalize marks unpaid orders as not shown', () => {
  test.each([
    ['pending', 'status'],
    ['voided', 'status'],
    ['timeouted', 'order_status'],
    ['cancelled', 'order_status'],
    ['canceled', 'status'],
    ['failed', 'payment_status'],
    ['refunded', 'financial_status'],
    ['declined', 'status'],
    ['expired', 'status'],
    ['PENDING', 'status'],
    ['on-hold', 'status'],
    ['requested', 'payment_status'],
  ])('normalize does not show an order whose status is "%s" (in %s)', (status, key) => {
    const { conversion, sources } = normalize({ email: 'a@x.com', [key]: status });
    expect(conversion.orderStatus).toBe(status.toLowerCase());
    expect(conversion.notShownReason).toMatch(new RegExp(`status is "${status.toLowerCase()}"$`));
    expect(sources.notShownReason).toBe(key);
  });

  test('normalize explains the reason in words', () => {
    expect(normalize({ status: 'pending' }).conversion.notShownReason).toBe('order status is "pending"');
    expect(normalize({ financial_status: 'voided' }).conversion.notShownReason).toBe('financial status is "voided"');
  });

  test.each(['paid', 'complete', 'completed', 'processing', 'succeeded'])(
    'normalize shows an order whose status is "%s"',
    (status) => {
      const { conversion } = normalize({ email: 'a@x.com', status });
      expect(conversion.orderStatus).toBe(status);
      expect(conversion.notShownReason).toBeUndefined();
    },
  );

  test.each([
    ['a form that is active', { email: 'a@x.com', form: { status: 'active' } }],
    ['a top-level status that is not an order word', { email: 'a@x.com', status: 'active' }],
    ['a line item that is pending', { email: 'a@x.com', line_items: [{ name: 'x', status: 'pending' }] }],
    ['a nested record unrelated to the order', { email: 'a@x.com', subscription: { status: 'cancelled' } }],
    ['a status word in another key', { email: 'a@x.com', note: 'pending' }],
  ])('normalize shows the conversion when %s', (_, payload) => {
    expect(normalize(payload).conversion.notShownReason).toBeUndefined();
  });

  test('normalize reads the status of a nested order record', () => {
    const { conversion, sources } = normalize({ event: 'order_updated', data: { order: { status: 'refunded' } } });
    expect(conversion.notShownReason).toBe('order status is "refunded"');
    expect(sources.orderStatus).toBe('data.order.status');
  });

  test('normalize lets an unpaid payment status win over a paid order status', () => {
    expect(normalize({ order_status: 'paid', payment_status: 'pending' }).conversion.notShownReason).toBe(
      'payment status is "pending"',
    );
  });

  test.each([
    ['unpaid', 'checkout session payment status is "unpaid"'],
    ['paid', undefined],
    ['no_payment_required', undefined],
  ])('normalize handles a Stripe checkout session whose payment_status is %s', (paymentStatus, reason) => {
    const { conversion } = normalize(
      stripeEvent('checkout.session.completed', stripeCheckoutSession({ payment_status: paymentStatus })),
    );
    expect(conversion.orderStatus).toBe(paymentStatus);
    expect(conversion.notShownReason).toBe(reason);
  });

  test.each([
    ['processing', 'payment intent status is "processing"'],
    ['requires_payment_method', 'payment intent status is "requires_payment_method"'],
    ['canceled', 'payment intent status is "canceled"'],
    ['succeeded', undefined],
  ])('normalize handles a Stripe payment intent whose status is %s', (status, reason) => {
    const { conversion } = normalize(stripeEvent('payment_intent.payment_failed', stripePaymentIntent({ status })));
    expect(conversion.notShownReason).toBe(reason);
  });
});
