// X-Request-Id: a proxy's (nginx's $request_id, a load balancer's trace id) is kept, so one request
// can be followed through every log; a missing one, or one that could smuggle anything into a log
// line or a response header (spaces, control characters, an overlong value), is replaced by ours.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
/** Longer than any tracing id in use (a W3C traceparent is 55 characters, a UUID 36). */
export const MAX_REQUEST_ID_LENGTH = 128;

const SAFE_REQUEST_ID = new RegExp(`^[A-Za-z0-9._~:@+/=-]{1,${MAX_REQUEST_ID_LENGTH}}$`);

/** The client's id when it is sane, else a fresh UUID. */
export function readRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Reads the request's id and sets it on the response, whoever answers it; returns it for the logs. */
export function tagRequest(req: IncomingMessage, res: ServerResponse): string {
  const id = readRequestId(req.headers[REQUEST_ID_HEADER]);
  res.setHeader('X-Request-Id', id);
  return id;
}
