// Keyset cursors ("<ISO time>|<uuid>", base64url) for the paginated lists. A cursor is opaque to
// clients, so anything that is not exactly what this API returned is a 400, never a query.
import { isStorableDate } from '@seatgate/contracts';
import { validationFailed } from './zod.pipe';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface KeysetCursor {
  at: Date;
  id: string;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): KeysetCursor | null {
  if (!cursor) return null;
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [iso, id] = parts;
  const at = new Date(iso ?? '');
  if (parts.length !== 2 || !id || !UUID.test(id) || !isStorableDate(at))
    throw validationFailed([{ path: 'cursor', message: 'not a cursor this API returned' }]);
  return { at, id };
}
