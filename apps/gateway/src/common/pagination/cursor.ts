// Keyset pagination for the newest-first lists (seats, audit): one opaque cursor codec
// ("<ISO time>|<uuid>", base64url), one way to cut a page, one way to walk every row in batches.
// A cursor is opaque to clients, so anything that is not exactly what this API returned is a 400,
// never a query.
import type { CursorPage } from '@seatgate/contracts';
import { isStorableDate } from '@seatgate/contracts';
import { validationFailed } from '../validation/zod.pipe';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A row's place in a (time desc, id desc) ordering. */
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
    throw validationFailed([
      { path: 'cursor', message: 'not a cursor this API returned', code: 'invalid_format' },
    ]);
  return { at, id };
}

/**
 * The page from rows read with `limit + 1`: the first `limit` as views, and a cursor after the last
 * of them when the extra row shows that more follow.
 */
export function keysetPage<Row, View>(
  rows: Row[],
  limit: number,
  position: (row: Row) => KeysetCursor,
  view: (row: Row) => View,
): CursorPage<View> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const after = last && rows.length > limit ? position(last) : null;
  return { items: items.map(view), nextCursor: after ? encodeCursor(after.at, after.id) : null };
}

/** Every row, read `batchSize` at a time in keyset order (for CSV exports). */
export async function* keysetBatches<Row>(
  read: (after: KeysetCursor | null, take: number) => Promise<Row[]>,
  batchSize: number,
  position: (row: Row) => KeysetCursor,
): AsyncGenerator<Row> {
  let after: KeysetCursor | null = null;
  for (;;) {
    const batch = await read(after, batchSize);
    yield* batch;
    const last = batch[batch.length - 1];
    if (batch.length < batchSize || !last) return;
    after = position(last);
  }
}
