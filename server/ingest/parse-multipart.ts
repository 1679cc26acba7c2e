// Parses multipart/form-data with busboy: fields nested like forms, files drained and only named.
import { isUtf8 } from 'node:buffer';
import busboy from 'busboy';
import { BodyParseError } from './body-parse-error.ts';
import { MAX_BODY_BYTES } from './decode-body.ts';
import { createByteDecoder, toAsciiCompatible } from './decode-text.ts';
import { FORM_PARAMETER_LIMIT, nestFields } from './parse-form.ts';

/** Files are skipped, so this only bounds how many names are listed. */
const MULTIPART_FILES_LIMIT = 100;

export interface ParsedMultipart {
  value: Record<string, unknown>;
  /** `fieldname: filename` per file part; `fieldname` alone when the part has no filename. */
  files: string[];
  charset: string;
  warnings: string[];
}

/**
 * `contentType` must carry a boundary. `charset` is the resolved `charset` parameter, if any:
 * field values are decoded with it, else as UTF-8, else (not valid UTF-8) as windows-1252.
 */
export async function parseMultipart(
  bytes: Buffer,
  contentType: string,
  charset: string | undefined,
): Promise<ParsedMultipart> {
  const fields: Array<[name: string, value: string]> = [];
  const files: string[] = [];
  const warnings: string[] = [];
  const parser = createParser(contentType);
  await new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value, info) => {
      fields.push([name, value]);
      if (info.valueTruncated) warnings.push(`multipart field "${name}" truncated`);
    });
    parser.on('file', (name, stream, info) => {
      files.push(info.filename === undefined ? name : `${name}: ${info.filename}`);
      // A form that ends inside a file destroys this stream too; the parser reports that error.
      stream.on('error', () => {});
      stream.resume();
    });
    parser.on('fieldsLimit', () => warnings.push(`multipart truncated to its first ${FORM_PARAMETER_LIMIT} fields`));
    parser.on('partsLimit', () =>
      warnings.push(`multipart truncated to its first ${FORM_PARAMETER_LIMIT + MULTIPART_FILES_LIMIT} parts`),
    );
    parser.on('filesLimit', () => warnings.push(`multipart file list truncated to ${MULTIPART_FILES_LIMIT} files`));
    parser.on('error', (error) => reject(new BodyParseError(`invalid multipart body: ${messageOf(error)}`)));
    parser.on('close', resolve);
    parser.end(bytes);
  });
  const decoded = await decodeFields(fields, charset, warnings);
  return { value: nestFields(groupRepeated(decoded.fields)), files, charset: decoded.charset, warnings };
}

function createParser(contentType: string) {
  try {
    return busboy({
      headers: { 'content-type': contentType },
      // latin1 maps each byte to one char, so decodeFields() can recover the bytes and apply
      // the same charset rules as forms; busboy would decode windows-1252 as real latin1.
      defCharset: 'latin1',
      // Browsers send raw UTF-8 filenames; busboy's latin1 default garbles them.
      defParamCharset: 'utf8',
      limits: {
        fields: FORM_PARAMETER_LIMIT,
        parts: FORM_PARAMETER_LIMIT + MULTIPART_FILES_LIMIT,
        files: MULTIPART_FILES_LIMIT,
        fileSize: 0,
        fieldSize: MAX_BODY_BYTES,
        headerPairs: 100,
      },
    });
  } catch (error) {
    throw new BodyParseError(`invalid multipart body: ${messageOf(error)}`);
  }
}

async function decodeFields(
  fields: Array<[string, string]>,
  declared: string | undefined,
  warnings: string[],
): Promise<{ fields: Array<[string, string]>; charset: string }> {
  let charset = toAsciiCompatible(declared ?? 'utf-8');
  // A part with its own `charset` was decoded by busboy and may hold chars above U+00FF: keep it.
  const recoverable = (value: string) => /[\u0080-\u00ff]/.test(value) && !/[^\u0000-\u00ff]/.test(value);
  const raw = fields.filter(([, value]) => recoverable(value));
  if (raw.length === 0) return { fields, charset };
  if (charset === 'utf-8' && !raw.every(([, value]) => isUtf8(Buffer.from(value, 'latin1')))) {
    charset = 'windows-1252';
    warnings.push(
      `multipart fields ${declared === undefined ? 'without a charset' : 'declared utf-8'} are not UTF-8; decoded as windows-1252`,
    );
  }
  const decode = await createByteDecoder(charset);
  return {
    fields: fields.map(([name, value]) => [name, recoverable(value) ? decode(Buffer.from(value, 'latin1')) : value]),
    charset,
  };
}

/** Repeated names become arrays, like repeated form keys. */
function groupRepeated(fields: Array<[string, string]>): Record<string, string | string[]> {
  const grouped: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of fields) {
    const existing = grouped[name];
    if (existing === undefined) grouped[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else grouped[name] = [existing, value];
  }
  return grouped;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
