// Reads a request body once, as raw bytes, stopping at the cap instead of buffering an attacker's gigabyte.
import type { IncomingMessage } from 'node:http';

export type RawBodyResult =
  | { ok: true; bytes: Buffer }
  /** `head` holds the first bytes, kept so the inspector can show what the sender tried. */
  | { ok: false; reason: 'too-large'; head: Buffer; declaredBytes: number | undefined }
  | { ok: false; reason: 'aborted' };

const HEAD_BYTES = 64 * 1024;

export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<RawBodyResult> {
  const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  if (declared !== undefined && declared > maxBytes) {
    req.resume();
    return Promise.resolve({ ok: false, reason: 'too-large', head: Buffer.alloc(0), declaredBytes: declared });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: RawBodyResult) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        const head = Buffer.concat(chunks).subarray(0, HEAD_BYTES);
        // Keep draining without storing so the socket can carry our 413 reply.
        req.resume();
        settle({ ok: false, reason: 'too-large', head, declaredBytes: declared });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () =>
      settle({ ok: true, bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) });
    const onAbort = () => settle({ ok: false, reason: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('aborted', onAbort);
  });
}
