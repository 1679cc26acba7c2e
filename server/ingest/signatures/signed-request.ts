// The parts of a delivery a signature covers: Node's lower-cased headers, the raw body, the time it arrived.

export type RequestHeaders = Readonly<Record<string, string>>;

export interface SignedRequest {
  headers: RequestHeaders;
  /** The body bytes as sent (after Content-Encoding is undone), never re-serialized. */
  body: Buffer;
  /** Arrival time, epoch milliseconds. */
  now: number;
}

/** The trimmed value, or undefined when absent or blank. Own properties only: `constructor` is no header. */
export function readHeader(headers: RequestHeaders, name: string): string | undefined {
  const key = name.toLowerCase();
  if (!Object.hasOwn(headers, key)) return undefined;
  const value = headers[key]?.trim();
  return value === '' ? undefined : value;
}
