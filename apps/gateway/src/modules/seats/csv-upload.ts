// The CSV of an import arrives either as the raw body (Content-Type: text/csv) or as the `file`
// field of a multipart upload; both are streamed, never buffered whole, and capped in size.
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
    file.pipe(out);
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

export function csvStream(req: Request, maxBytes: number): Readable {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('text/csv') || type.startsWith('text/plain') || type.startsWith('application/csv')) {
    const capped = sizeCap(maxBytes);
    req.on('error', (error) => capped.destroy(error));
    return req.pipe(capped);
  }
  if (type.startsWith('multipart/form-data')) return openMultipart(req, maxBytes);
  throw seatErrors.unsupportedUpload();
}
