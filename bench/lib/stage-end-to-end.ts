import { OUTCOME_REPLIES } from '../../server/ingest/webhook-replies.ts';
import { type BenchRequest, fakeIncoming, fakeResponse, freshRequests } from './stage-requests.ts';
import { type Block, check, cpuMicros, keep, nextTurn, perItem } from './stage-timing.ts';

/**
 * The whole ack through the real handler (createApp's request listener), in batches of `size`
 * requests started in one turn, so that the group commit takes each batch as one transaction, as it
 * takes concurrent requests. Each size is its own block: run interleaved, batches of one size paid
 * for work the other left behind (garbage, mostly), measured.
 */
export function measureEndToEnd(size: number): Block {
  return async (h, format, s, record) => {
    const requests = freshRequests(format, size + s.items, h.hookPath, Date.now());
    const ack = async (batch: BenchRequest[]) => {
      const calls = batch.map((r) => ({ req: fakeIncoming(r), ...fakeResponse() }));
      const t0 = cpuMicros();
      for (const call of calls) h.app.app(call.req, call.res);
      const replies = await Promise.all(calls.map((call) => call.reply));
      // The pushes run in the turn after the replies (commitDelivery's setImmediate).
      await nextTurn();
      const used = cpuMicros() - t0;
      check(
        replies.every((reply) => reply.status === 200 && reply.body === OUTCOME_REPLIES.accepted.body),
        `an ack was not "accepted": ${JSON.stringify(replies.find((r) => r.status !== 200) ?? replies[0])}`,
      );
      return used;
    };
    // Not timed: the first batch of a block pays for what the block before it left.
    await ack(requests.slice(0, size));
    let used = 0;
    for (let start = size; start < requests.length; start += size)
      used += await ack(requests.slice(start, start + size));
    record(`e2e@${size}`, used / s.items);
    return requests.length;
  };
}

/** What the bare references do per request: JSON.parse (URLSearchParams for forms), one INSERT in its own transaction. */
export const measureReferences: Block = async (h, format, s, record) => {
  const requests = freshRequests(format, s.items, '/', Date.now());
  const texts = requests.map((r) => r.body.toString('utf8'));
  record(
    'bareParse',
    await perItem(requests.length * s.repeats, () => {
      for (let pass = 0; pass < s.repeats; pass++) {
        for (const request of requests) {
          const text = request.body.toString('utf8');
          const value: object =
            format === 'form' ? Object.fromEntries(new URLSearchParams(text)) : (JSON.parse(text) as object);
          keep(Object.keys(value).length);
        }
      }
    }),
  );
  record(
    'bareInsert',
    await perItem(texts.length, () => {
      for (const text of texts) h.bareInsert(text, Date.now());
    }),
  );
  return 0;
};
