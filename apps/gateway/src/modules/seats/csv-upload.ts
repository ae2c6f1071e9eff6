// The CSV of an import arrives either as the raw body (Content-Type: text/csv) or as the `file`
// field of a multipart upload; both are streamed, never buffered whole, and capped in size.
import Busboy from 'busboy';
import type { Request } from 'express';
import { PassThrough, Readable, Transform } from 'node:stream';
import { DomainError } from '../../common/errors/domain.error';

function sizeCap(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        callback(new DomainError('payload_too_large', `an import file may be at most ${maxBytes} bytes`));
        return;
      }
      callback(null, chunk);
    },
  });
}

export function csvStream(req: Request, maxBytes: number): Readable {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('text/csv') || type.startsWith('text/plain') || type.startsWith('application/csv')) {
    const capped = sizeCap(maxBytes);
    req.on('error', (error) => capped.destroy(error));
    return req.pipe(capped);
  }
  if (type.startsWith('multipart/form-data')) {
    const out = new PassThrough();
    let found = false;
    const busboy = Busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes } });
    busboy.on('file', (name, file) => {
      if (name !== 'file' || found) {
        file.resume();
        return;
      }
      found = true;
      file.on('limit', () =>
        out.destroy(new DomainError('payload_too_large', `an import file may be at most ${maxBytes} bytes`)),
      );
      file.pipe(out);
    });
    busboy.on('error', (error) => out.destroy(error instanceof Error ? error : new Error(String(error))));
    busboy.on('close', () => {
      if (!found)
        out.destroy(
          new DomainError('validation_failed', 'file: upload the CSV in a form field named "file"'),
        );
    });
    req.on('error', (error) => out.destroy(error));
    req.pipe(busboy);
    return out;
  }
  throw new DomainError(
    'unsupported_media_type',
    'send the CSV as text/csv, or as multipart/form-data with a "file" field',
  );
}
