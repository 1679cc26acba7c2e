// Shared by the parse-body test files: parsing from strings, expecting a BodyParseError, building
// multipart bodies, and the check after every test that nothing polluted Object.prototype.
import { afterEach, expect, vi } from 'vitest';
import { BodyParseError, type ParsedBody, parseBody } from '../../server/ingest/parse-body.ts';

export const FORM = 'application/x-www-form-urlencoded';

export function parse(body: string | Buffer, contentType: string | undefined): Promise<ParsedBody> {
  return parseBody(typeof body === 'string' ? Buffer.from(body) : body, contentType);
}

export async function parseError(body: string | Buffer, contentType: string | undefined): Promise<BodyParseError> {
  try {
    await parse(body, contentType);
  } catch (error) {
    expect(error).toBeInstanceOf(BodyParseError);
    return error as BodyParseError;
  }
  throw new Error('expected a BodyParseError');
}

export function record(value: unknown): Record<string, unknown> {
  expect(typeof value).toBe('object');
  return value as Record<string, unknown>;
}

export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  type?: string;
}

export function multipart(boundary: string, parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    const type = part.type === undefined ? '' : `\r\nContent-Type: ${part.type}`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`),
    );
    chunks.push(Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Depth of `[[[…]]]` / `{"a":{"a":…}}` without recursion, so the test itself cannot overflow. */
export function nestingDepth(value: unknown): number {
  let depth = 0;
  let current = value;
  while (typeof current === 'object' && current !== null) {
    depth++;
    current = Array.isArray(current) ? current[0] : (current as Record<string, unknown>).a;
  }
  return depth;
}

/** After each test: mocks restored, and no key reached Object.prototype. */
export function checkNoPollutionAfterEach(): void {
  afterEach(() => {
    vi.restoreAllMocks();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
}
