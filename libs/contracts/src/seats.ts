import { z } from 'zod';
import { cursorQuery } from './pagination';
import { FORMULA_START_MESSAGE, noFormulaStart, text } from './text';

/**
 * The vendor's own user id: 1–128 printable characters (no control characters), not beginning
 * with a character that a spreadsheet reads as a formula.
 */
export const businessUserIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\p{C}]+$/u, 'printable characters only')
  .refine(noFormulaStart, FORMULA_START_MESSAGE);

/** A TCCC seat account: email-like, at most 128 characters, not beginning like a formula. */
export const seatUserIdSchema = z
  .string()
  .max(128)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an email-like seat account, e.g. agent@example.com')
  .refine(noFormulaStart, FORMULA_START_MESSAGE);

/** A seat's label, as typed in the console or a CSV import. */
export const seatDisplayNameSchema = text().trim().min(1).max(200);

export const seatCreateSchema = z
  .object({
    businessUserId: businessUserIdSchema,
    sdkAppId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    seatUserId: seatUserIdSchema,
    displayName: seatDisplayNameSchema.optional(),
  })
  .strict();
export type SeatCreate = z.infer<typeof seatCreateSchema>;

export const seatUpdateSchema = z
  .object({
    seatUserId: seatUserIdSchema.optional(),
    displayName: seatDisplayNameSchema.nullable().optional(),
    status: z.enum(['enabled', 'disabled']).optional(),
  })
  .strict();
export type SeatUpdate = z.infer<typeof seatUpdateSchema>;

export const seatFilterSchema = z
  .object({
    appId: z.string().uuid().optional(),
    status: z.enum(['enabled', 'disabled']).optional(),
    q: z.string().trim().max(200).optional(),
  })
  .strict();
export type SeatFilter = z.infer<typeof seatFilterSchema>;

/** The columns the seats list sorts by (a whitelist: anything else is a 400). */
export const SEAT_SORT_KEYS = [
  'businessUserId',
  'seatUserId',
  'displayName',
  'sdkAppId',
  'status',
  'createdAt',
  'updatedAt',
] as const;
export type SeatSortKey = (typeof SEAT_SORT_KEYS)[number];

/** Page sizes the console offers; the API accepts any limit up to 500. */
export const SEAT_PAGE_SIZES = [20, 50, 100, 200] as const;

/**
 * GET …/seats: filters, a sort (ties broken by id, in the same direction), and either a keyset
 * `cursor` (the next page after one this API returned, for any sort) or a 1-based `page` (offset
 * pagination, for jumping to a page; a cursor cannot jump). Not both.
 */
export const seatListQuery = cursorQuery.extend({
  ...seatFilterSchema.shape,
  // a sort cursor carries the last row's sort value (up to 200 characters) and id
  cursor: z.string().max(1000).optional(),
  /** default createdAt */
  sort: z.enum(SEAT_SORT_KEYS).optional(),
  /** default desc */
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});
export type SeatListQuery = z.infer<typeof seatListQuery>;

/** One page of seats, with the exact number of mappings matching the filters. */
export interface SeatPage {
  items: SeatView[];
  nextCursor: string | null;
  total: number;
  /** the page asked for with `page`, else null */
  page: number | null;
}

/** Most mappings one bulk call may change: more is refused with bulk_limit_exceeded. */
export const SEAT_BULK_MAX_IDS = 1000;

/**
 * POST …/seats/bulk: disable, enable or delete the selected mappings (`ids`) or every mapping
 * matching a filter (`filter`; an empty filter is every mapping of the tenant), in one transaction.
 */
export const seatBulkSchema = z
  .object({
    action: z.enum(['disable', 'enable', 'delete']),
    ids: z.array(z.string().uuid()).min(1).max(SEAT_BULK_MAX_IDS).optional(),
    filter: seatFilterSchema.optional(),
  })
  .strict()
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), {
    message: 'send either ids or filter',
    path: ['ids'],
  });
export type SeatBulk = z.infer<typeof seatBulkSchema>;
export type SeatBulkAction = SeatBulk['action'];

export interface SeatBulkResult {
  action: SeatBulkAction;
  /** mappings the action selected (ids not found in the tenant are not counted) */
  matched: number;
  /** mappings it changed or deleted (disabling an already disabled mapping changes nothing) */
  affected: number;
}

export const SEAT_CSV_COLUMNS = ['businessUserId', 'sdkAppId', 'seatUserId', 'displayName'] as const;
/** What an export writes; an import accepts these too, so an exported file imports back as it was. */
export const SEAT_EXPORT_COLUMNS = [...SEAT_CSV_COLUMNS, 'status'] as const;

export interface SeatView {
  id: string;
  tenantId: string;
  appId: string;
  sdkAppId: number;
  businessUserId: string;
  seatUserId: string;
  displayName: string | null;
  status: 'enabled' | 'disabled';
  createdAt: string;
  updatedAt: string;
}

export interface SeatImportRowError {
  line: number;
  reason: string;
}

export interface SeatImportResult {
  created: number;
  unchanged: number;
  rows: number;
}
