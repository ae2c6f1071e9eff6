// The CSV of an import arrives either as the raw body (Content-Type: text/csv) or as the `file`
// field of a multipart upload; both are streamed, never buffered whole, and capped in size.
// Workbooks (.xlsx, .xls, .ods: zip or OLE files) are refused with a coded 415 by their first bytes,
// whatever they are labelled: the console reads .xlsx in the browser and sends its rows as CSV, so
// the gateway never unpacks a zip an admin uploads (a small one can inflate without bound).
import Busboy from 'busboy';
import type { Request } from 'express';
import { PassThrough, Readable, Transform } from 'node:stream';
import { DomainError } from '../../common/errors/domain.error';
import { seatErrors } from './seats.errors';

function sizeCap(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        callback(seatErrors.fileTooLarge(maxBytes));
        return;
      }
      callback(null, chunk);
    },
  });
}

/** Zip (xlsx, ods) and OLE compound (xls) signatures: a spreadsheet, not a CSV. */
const WORKBOOK_SIGNATURES = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('d0cf11e0a1b11ae1', 'hex')];

/** Passes the bytes through once the first ones are known not to start a workbook. */
function workbookGuard(): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  const longest = Math.max(...WORKBOOK_SIGNATURES.map((signature) => signature.length));
  const decide = (done: (error?: Error | null, data?: Buffer) => void) => {
    const seen = head!;
    head = null;
    if (WORKBOOK_SIGNATURES.some((signature) => seen.subarray(0, signature.length).equals(signature))) {
      done(seatErrors.workbookUpload());
      return;
    }
    done(null, seen);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (head === null) {
        callback(null, chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      if (head.length < longest) {
        callback();
        return;
      }
      decide(callback);
    },
    flush(callback) {
      if (head === null || head.length === 0) {
        callback();
        return;
      }
      decide((error, data) => {
        if (error) callback(error);
        else callback(null, data);
      });
    },
  });
}

function uploadError(
  message: string,
  code: 'upload_unreadable' | 'upload_field_missing' = 'upload_unreadable',
): DomainError {
  return seatErrors.unreadableUpload('file', code, message);
}

/** A multipart body that ends early or breaks its framing is the client's error, not ours. */
function multipartError(error: unknown): Error {
  if (error instanceof DomainError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return uploadError(`the upload could not be read (${message})`);
}

function openMultipart(req: Request, maxBytes: number): Readable {
  let busboy: Busboy.Busboy;
  try {
    busboy = Busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes } });
  } catch (error) {
    // e.g. "Multipart: Boundary not found": thrown while reading the headers
    const message = error instanceof Error ? error.message : String(error);
    throw seatErrors.unreadableUpload('content-type', 'upload_content_type', message);
  }
  const out = new PassThrough();
  let found = false;
  busboy.on('file', (name, file) => {
    // every file stream gets an error listener: busboy errors them when the body ends too early
    file.on('error', (error: unknown) => out.destroy(multipartError(error)));
    if (name !== 'file' || found) {
      file.resume();
      return;
    }
    found = true;
    file.on('limit', () => out.destroy(seatErrors.fileTooLarge(maxBytes)));
    const guard = workbookGuard();
    guard.on('error', (error) => out.destroy(error));
    file.pipe(guard).pipe(out);
  });
  busboy.on('error', (error: unknown) => out.destroy(multipartError(error)));
  busboy.on('close', () => {
    if (!found)
      out.destroy(uploadError('upload the CSV in a form field named "file"', 'upload_field_missing'));
  });
  req.on('error', (error) => out.destroy(multipartError(error)));
  req.pipe(busboy);
  return out;
}

const SPREADSHEET_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/vnd.oasis.opendocument.spreadsheet',
];

export function csvStream(req: Request, maxBytes: number): Readable {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('text/csv') || type.startsWith('text/plain') || type.startsWith('application/csv')) {
    const capped = sizeCap(maxBytes);
    const guard = workbookGuard();
    req.on('error', (error) => capped.destroy(error));
    capped.on('error', (error) => guard.destroy(error));
    return req.pipe(capped).pipe(guard);
  }
  if (SPREADSHEET_TYPES.some((spreadsheet) => type.startsWith(spreadsheet)))
    throw seatErrors.workbookUpload();
  if (type.startsWith('multipart/form-data')) return openMultipart(req, maxBytes);
  throw seatErrors.unsupportedUpload();
}
