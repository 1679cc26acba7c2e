// The one error the body parsers throw; parse-body.ts re-exports it as part of its contract.

/** A body that cannot be read as what it claims to be. The message is a human reason for the sender. */
export class BodyParseError extends Error {
  override name = 'BodyParseError';
}
