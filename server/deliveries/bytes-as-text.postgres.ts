// Bodies as text in PostgreSQL, matched the way SQLite matches them.
// SQLite finds text in a body with instr(lower(CAST(body AS TEXT)), text): a byte search that folds
// ASCII letters only, whatever the body's charset or compression. The same here: every byte becomes
// the LATIN1 character of that number (a one-to-one map, so byte and character positions match),
// and lower() under the "C" collation folds A-Z only. LATIN1 has no character for byte 0, so the
// escape encoding carries the bytes across: its doubled backslashes go first, so that every
// backslash left starts a \nnn escape and \000 (a NUL, never part of an email or of text typed in a
// search) can become \040 (a space).
// https://www.postgresql.org/docs/current/functions-binarystring.html#FUNCTION-ENCODE
export const bytesAsLowerText = (bytes: string) =>
  String.raw`lower(convert_from(decode(replace(replace(encode(${bytes}, 'escape'), E'\\\\', E'\\134'),
    E'\\000', E'\\040'), 'escape'), 'LATIN1') COLLATE "C")`;
/** Text as the bytes bytesAsLowerText matches: its UTF-8 bytes, one LATIN1 character each. */
export const textAsBodyText = (text: string) => `convert_from(convert_to(${text}, 'UTF8'), 'LATIN1')`;
