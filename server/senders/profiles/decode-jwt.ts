// Reads what a JWT-signed body carries without verifying it (https://www.rfc-editor.org/rfc/rfc7519#section-3):
// sender profiles only map fields; whether the signature is trusted is the ingest signature check's business.

/** header.payload.signature, each part base64url (the signature may be empty for an unsigned token). */
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;

/** The payload claims of a compact JWT, or undefined when `text` is not one or its payload is not a JSON object. */
export function decodeJwtPayload(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string') return undefined;
  const match = COMPACT_JWT.exec(text.trim());
  if (!match?.[1]) return undefined;
  const json = Buffer.from(match[1], 'base64url').toString('utf8');
  return asObject(parseJsonText(json));
}

/** A JSON object or array sent as a string (Wix's `data`, `entityAsJson`), parsed; anything else undefined. */
export function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The value when it is a plain JSON object. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
