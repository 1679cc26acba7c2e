// Turns body bytes into text: BOM first, then the declared charset, else UTF-8 with a windows-1252 fallback.
import { BodyParseError } from './body-parse-error.ts';

export interface DecodedText {
  text: string;
  /** The charset actually used: `utf-8`, `windows-1252`, `utf-16le`, or another iconv-lite name. */
  charset: string;
  /** The charset came from a BOM or a known `charset` label rather than the UTF-8 default. */
  explicit: boolean;
  /** Why the result may not be what the sender meant (unknown label, bytes that contradict it). */
  warning?: string;
}

/** Sync decoder for one resolved charset; used where the caller cannot await (qs decoders). */
export type ByteDecoder = (bytes: Uint8Array) => string;

/**
 * Labels handled without loading iconv-lite. Browsers decode every latin1 and ASCII label as
 * windows-1252 (https://encoding.spec.whatwg.org/#names-and-labels), and senders that say
 * latin1 mean it too: 0x80–0x9F are € ‚ … “ ” there but C1 controls in real ISO-8859-1.
 */
const KNOWN_LABELS: ReadonlyMap<string, string> = new Map([
  ['utf-8', 'utf-8'],
  ['utf8', 'utf-8'],
  ['unicode-1-1-utf-8', 'utf-8'],
  ['windows-1252', 'windows-1252'],
  ['cp1252', 'windows-1252'],
  ['x-cp1252', 'windows-1252'],
  ['iso-8859-1', 'windows-1252'],
  ['iso8859-1', 'windows-1252'],
  ['iso_8859-1', 'windows-1252'],
  ['latin1', 'windows-1252'],
  ['l1', 'windows-1252'],
  ['cp819', 'windows-1252'],
  ['ibm819', 'windows-1252'],
  ['us-ascii', 'windows-1252'],
  ['ascii', 'windows-1252'],
  ['utf-16', 'utf-16le'],
  ['utf-16le', 'utf-16le'],
  ['utf-16be', 'utf-16be'],
]);

/** iconv-lite is loaded on first use only: the common UTF-8 JSON body never needs it. */
async function loadIconv() {
  return (await import('iconv-lite')).default;
}

/** Canonical charset for a label, or undefined when neither the table nor iconv-lite knows it. */
export async function resolveCharset(label: string): Promise<string | undefined> {
  const name = label.trim().toLowerCase();
  const known = KNOWN_LABELS.get(name);
  if (known !== undefined) return known;
  if (name === '') return undefined;
  return (await loadIconv()).encodingExists(name) ? name : undefined;
}

export async function createByteDecoder(charset: string): Promise<ByteDecoder> {
  if (charset === 'utf-8') {
    const utf8 = new TextDecoder('utf-8');
    return (bytes) => utf8.decode(bytes);
  }
  const iconv = await loadIconv();
  return (bytes) => iconv.decode(bytes, charset);
}

/**
 * Forms and multipart parts are ASCII-framed, so a UTF-16 label cannot apply to their %-escapes
 * or fields: browsers send those as UTF-8 (https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#selecting-a-form-submission-encoding).
 */
export function toAsciiCompatible(charset: string): string {
  return /^(?:utf-?16|utf-?32|ucs-?2|ucs-?4)/.test(charset) ? 'utf-8' : charset;
}

export interface DecodeTextOptions {
  /** JSON declared `charset=utf-8` (or with a UTF-8 BOM) must be valid UTF-8 (RFC 8259 §8.1). */
  strictUtf8: boolean;
}

/**
 * Charset order: a BOM, then a known `charset` label, then UTF-8. Bytes that are not valid UTF-8
 * are re-read as windows-1252 (legacy PHP and form senders), except under `strictUtf8` with an
 * explicit UTF-8 label, which throws. An unknown label is ignored with a warning.
 */
export async function decodeText(
  bytes: Uint8Array,
  label: string | undefined,
  { strictUtf8 }: DecodeTextOptions,
): Promise<DecodedText> {
  const bom = sniffBom(bytes);
  let charset = bom;
  let unknownLabel = false;
  if (charset === undefined && label !== undefined) {
    charset = await resolveCharset(label);
    unknownLabel = charset === undefined;
  }
  if (charset !== undefined && charset !== 'utf-8') {
    return { text: (await createByteDecoder(charset))(bytes), charset, explicit: true };
  }
  const quotedLabel = `"${(label ?? '').slice(0, 40)}"`;
  const explicit = charset === 'utf-8';
  try {
    // One pass that both validates and decodes; it also drops a UTF-8 BOM.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!unknownLabel) return { text, charset: 'utf-8', explicit };
    return { text, charset: 'utf-8', explicit, warning: `unknown charset ${quotedLabel}; decoded as utf-8` };
  } catch {
    if (explicit && strictUtf8) throw new BodyParseError('invalid UTF-8 in a body declared utf-8');
    const text = (await createByteDecoder('windows-1252'))(bytes);
    const why = explicit ? 'declared utf-8' : unknownLabel ? `in unknown charset ${quotedLabel}` : 'without a charset';
    return {
      text,
      charset: 'windows-1252',
      explicit,
      warning: `body ${why} is not valid UTF-8; decoded as windows-1252`,
    };
  }
}

function sniffBom(bytes: Uint8Array): string | undefined {
  const a = bytes[0];
  const b = bytes[1];
  const c = bytes[2];
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  return undefined;
}
