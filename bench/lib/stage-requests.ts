// The webhook requests of `npm run bench:stages`: the bench's conversion body (payloads.ts) as
// bytes, with the headers a sender sends behind no proxy, and the stand-ins for Node's
// IncomingMessage and ServerResponse that let the real webhook handler run without a socket.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { type BodyFormat, CONTENT_TYPES, conversionBody } from './payloads.ts';

export interface BenchRequest {
  format: BodyFormat;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Distinct bodies (email, guid, order id), so none of them is a duplicate of another. */
let nextSerial = 1;

export function freshRequests(format: BodyFormat, count: number, hookPath: string, now: number): BenchRequest[] {
  return Array.from({ length: count }, () => {
    const body = Buffer.from(conversionBody(format, nextSerial++, now));
    return {
      format,
      url: hookPath,
      // What a typical sender's HTTP client sends; no idempotency header, so the dedupe key is the body's hash.
      headers: {
        host: 'proof.example.com',
        'user-agent': 'bench-sender/1.0',
        accept: '*/*',
        'content-type': CONTENT_TYPES[format],
        'content-length': String(body.length),
        connection: 'keep-alive',
      },
      body,
    };
  });
}

/**
 * A readable stream carrying the body, with the fields the webhook route reads from an
 * IncomingMessage (url, method, headers, socket address). The body is queued before anyone
 * listens, as Node's HTTP parser does for a small body that arrives with the headers.
 */
export function fakeIncoming(request: BenchRequest): IncomingMessage {
  const stream = new Readable({ read() {} });
  stream.push(request.body);
  stream.push(null);
  return Object.assign(stream, {
    url: request.url,
    method: 'POST',
    headers: request.headers,
    socket: { remoteAddress: '127.0.0.1' },
  }) as unknown as IncomingMessage;
}

export interface CapturedReply {
  status: number;
  body: string;
}

/** The two calls the webhook route makes on a response (writeHead, end), captured; nothing is written anywhere. */
export function fakeResponse(): { res: ServerResponse; reply: Promise<CapturedReply> } {
  let status = 0;
  let settle: (reply: CapturedReply) => void = () => {};
  const reply = new Promise<CapturedReply>((resolve) => {
    settle = resolve;
  });
  const headers = new Map<string, unknown>();
  const res = {
    // The request listener tags every reply with X-Request-Id before routing it.
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    getHeader(name: string) {
      return headers.get(name.toLowerCase());
    },
    writeHead(code: number) {
      status = code;
      return res;
    },
    end(body: string) {
      settle({ status, body: String(body) });
      return res;
    },
    destroy() {
      settle({ status: -1, body: 'connection destroyed' });
    },
  };
  return { res: res as unknown as ServerResponse, reply };
}
