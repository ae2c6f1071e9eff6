// Keyset cursors for lists that sort by a column the caller picks: the cursor names the sort it was
// cut under and carries the last row's sort value and id, so the next page starts strictly after
// that (value, id) pair whatever the column. A cursor reused under another sort, or anything this
// API did not return, is a 400, never a query.
import { unstorableReason } from '@seatgate/contracts';
import { validationFailed } from '../validation/zod.pipe';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type SortOrder = 'asc' | 'desc';

/** A row's place in a (sort value, id) ordering; the value as text, cast back by the query. */
export interface SortCursor {
  value: string;
  id: string;
}

export function encodeSortCursor(sort: string, order: SortOrder, position: SortCursor): string {
  return Buffer.from(JSON.stringify([sort, order, position.value, position.id])).toString('base64url');
}

/**
 * The position in `cursor`, which must have been cut under this sort and order; `valid` says
 * whether the value can be cast to the sort column's type.
 */
export function decodeSortCursor(
  cursor: string | undefined,
  sort: string,
  order: SortOrder,
  valid: (value: string) => boolean,
): SortCursor | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    parsed[0] !== sort ||
    parsed[1] !== order ||
    typeof parsed[2] !== 'string' ||
    typeof parsed[3] !== 'string' ||
    !UUID.test(parsed[3]) ||
    unstorableReason(parsed[2]) !== null ||
    !valid(parsed[2])
  )
    throw validationFailed([{ path: 'cursor', message: 'not a cursor this API returned for this sort' }]);
  return { value: parsed[2], id: parsed[3] };
}
