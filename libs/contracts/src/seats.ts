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

export const seatListQuery = cursorQuery.extend({
  appId: z.string().uuid().optional(),
  status: z.enum(['enabled', 'disabled']).optional(),
  q: z.string().trim().max(200).optional(),
});
export type SeatListQuery = z.infer<typeof seatListQuery>;

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
