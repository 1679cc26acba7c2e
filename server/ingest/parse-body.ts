// Turns a decompressed webhook body into JSON, a nested form, multipart fields or text, sniffing mislabelled bodies.
import { BodyParseError } from './body-parse-error.ts';
import { classifyMediaType, parseContentType } from './content-type.ts';
import { decodeText, resolveCharset } from './decode-text.ts';
import { parseForm } from './parse-form.ts';
import { firstNonWhitespace, looksLikeForm, looksLikeJson, trimJsonWhitespace } from './sniff-content-type.ts';

export { BodyParseError };

export type BodyFormat = 'empty' | 'json' | 'form' | 'multipart' | 'text';

export interface ParsedBody {
  format: BodyFormat;
  /**
   * JSON value, nested form object, multipart fields object, or the text; undefined when empty.
   * Form and multipart objects are plain objects like JSON.parse output (keys such as
   * `constructor` are own data properties; `__proto__` keys are dropped by qs).
   */
  value: unknown;
  /** Multipart file parts as `fieldname: filename`; the files themselves are never kept. */
  files: string[];
  /** The format came from the bytes, not from the Content-Type (missing, wrong, or contradicted). */
  sniffed: boolean;
  /** The charset actually used to decode: `utf-8`, `windows-1252`, `utf-16le`… */
  charset: string;
  /** Lossy or surprising decisions worth a log line: truncation, charset fallbacks, unknown labels. */
  warnings: string[];
}

/**
 * Parses by the declared type first, then by sniffing; predictable rules, each one tested:
 * - JSON declared: JSON; else a form-shaped body as form (sniffed); else `invalid JSON…`.
 * - form declared: a `{`/`[` body that is valid JSON as JSON (sniffed); else form (qs never fails).
 * - multipart declared with a boundary: busboy; on failure sniff JSON/form, else `invalid multipart body…`.
 * - text/*, missing, unknown, or multipart without a boundary: `{`/`[` + valid JSON → JSON,
 *   form-shaped → form, else text. `sniffed` is true unless the declared type was text/*.
 */
export async function parseBody(bytes: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  const mediaType = parseContentType(contentType);
  const declared = classifyMediaType(mediaType);
  if (isBlank(bytes)) {
    return { format: 'empty', value: undefined, files: [], sniffed: false, charset: 'utf-8', warnings: [] };
  }
  const label = mediaType?.params.get('charset');
  const warnings: string[] = [];

  let multipartError: string | undefined;
  if (declared === 'multipart') {
    const boundary = mediaType?.params.get('boundary');
    if (boundary !== undefined && boundary !== '' && contentType !== undefined) {
      try {
        return await parseMultipartBody(bytes, contentType, label);
      } catch (error) {
        if (!(error instanceof BodyParseError)) throw error;
        multipartError = error.message;
      }
    } else {
      warnings.push('multipart Content-Type without a boundary; body sniffed');
    }
  }

  const decoded = await decodeText(bytes, label, { strictUtf8: declared === 'json' });
  if (decoded.warning !== undefined) warnings.push(decoded.warning);
  const { text, charset } = decoded;
  const start = firstNonWhitespace(text);
  if (start === -1) return { format: 'empty', value: undefined, files: [], sniffed: false, charset, warnings };

  const json = (value: unknown, sniffed: boolean): ParsedBody => ({
    format: 'json',
    value,
    files: [],
    sniffed,
    charset,
    warnings,
  });
  const form = async (sniffed: boolean): Promise<ParsedBody> => {
    const parsed = await parseForm(trimJsonWhitespace(text), charset, decoded.explicit);
    warnings.push(...parsed.warnings);
    return { format: 'form', value: parsed.value, files: [], sniffed, charset: parsed.charset, warnings };
  };

  if (declared === 'json') {
    try {
      return json(JSON.parse(text), false);
    } catch (error) {
      if (looksLikeForm(text, start)) return form(true);
      // Wix and other JWT senders may label the bare token `application/json`: it is text, not a
      // broken JSON body, and the sender profiles decode it.
      if (COMPACT_JWT.test(text.trim())) return textBody(true);
      throw new BodyParseError(describeJsonError(error));
    }
  }
  if (looksLikeJson(text, start)) {
    const value = tryParseJson(text);
    if (value !== NOT_JSON) return json(value, true);
  }
  if (declared === 'form') return form(false);
  if (looksLikeForm(text, start)) return form(true);
  if (multipartError !== undefined) throw new BodyParseError(multipartError);
  return textBody(declared !== 'text');

  function textBody(sniffed: boolean): ParsedBody {
    return { format: 'text', value: text, files: [], sniffed, charset, warnings };
  }
}

/** A compact JWS (header.payload.signature, base64url), as Wix sends its webhooks. */
const COMPACT_JWT = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$/;

/** busboy is loaded on the first multipart body only, never on the JSON hot path. */
async function parseMultipartBody(bytes: Buffer, contentType: string, label: string | undefined): Promise<ParsedBody> {
  const { parseMultipart } = await import('./parse-multipart.ts');
  const charset = label === undefined ? undefined : await resolveCharset(label);
  const parsed = await parseMultipart(bytes, contentType, charset);
  if (label !== undefined && charset === undefined) {
    parsed.warnings.unshift(`unknown charset "${label.slice(0, 40)}"; decoded as ${parsed.charset}`);
  }
  return {
    format: 'multipart',
    value: parsed.value,
    files: parsed.files,
    sniffed: false,
    charset: parsed.charset,
    warnings: parsed.warnings,
  };
}

const NOT_JSON: unique symbol = Symbol('not JSON');

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/**
 * V8 puts the position at the end of some messages ("… in JSON at position 6") and quotes the
 * input in others ("Unexpected token '}', "{"a": }" is not valid JSON"); the quote is dropped so
 * a reply never echoes body data back.
 */
function describeJsonError(error: unknown): string {
  // V8's parser is iterative today (10^6 nested arrays parse); a RangeError would be a stack overflow.
  if (error instanceof RangeError) return 'invalid JSON: nested too deeply to parse';
  const message = error instanceof Error ? error.message : String(error);
  const position = /\bat position (\d+)/.exec(message)?.[1];
  const reason = message.replace(/, ".*" is not valid JSON$/s, '').replace(/ (?:in JSON )?at position \d+.*$/s, '');
  return position === undefined ? `invalid JSON: ${reason}` : `invalid JSON at position ${position}: ${reason}`;
}

/** Zero bytes or only JSON whitespace (after a UTF-8 BOM); checked before any decoding. */
function isBlank(bytes: Buffer): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  }
  return true;
}
