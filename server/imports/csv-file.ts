// Reads an uploaded CSV file: its bytes, bounded, then its text in the charset its BOM, its
// Content-Type label or its bytes say (spreadsheets on Windows still save windows-1252).
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../errors.ts';
import { classifyMediaType, parseContentType } from '../ingest/content-type.ts';
import { decodeText } from '../ingest/decode-text.ts';
import { readRawBody } from '../ingest/read-body.ts';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export interface CsvFile {
  text: string;
  /** The charset the bytes were read in (`utf-8`, `windows-1252`, `utf-16le`…). */
  charset: string;
}

const tooLarge = () =>
  new HttpError(
    413,
    'payload-too-large',
    `The CSV file is over the ${MAX_IMPORT_BYTES / 1024 / 1024} MiB limit; split it into smaller files`,
    { Connection: 'close' },
  );

/**
 * What arrives as JSON, a form or multipart has been read (or refused) by another parser: the file
 * must come as the request body itself (`text/csv`, or any text or spreadsheet type browsers give it).
 */
function assertCsvBody(req: IncomingMessage): void {
  const format = classifyMediaType(parseContentType(req.headers['content-type']));
  if (format === 'json' || format === 'form' || format === 'multipart') {
    throw new HttpError(
      415,
      'unsupported-media-type',
      'Send the CSV file itself as the request body, with Content-Type: text/csv',
    );
  }
}

export async function readCsvFile(req: IncomingMessage): Promise<CsvFile> {
  assertCsvBody(req);
  const raw = await readRawBody(req, MAX_IMPORT_BYTES);
  if (!raw.ok) {
    if (raw.reason === 'too-large') throw tooLarge();
    throw new HttpError(400, 'bad-request', 'The upload was interrupted');
  }
  const label = parseContentType(req.headers['content-type'])?.params.get('charset');
  const decoded = await decodeText(raw.bytes, label, { strictUtf8: false });
  return { text: decoded.text, charset: decoded.charset };
}
