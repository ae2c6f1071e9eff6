import { z } from 'zod';
import { cursorQuery } from './pagination';

/** The vendor's own user id: 1–128 printable characters (no control characters). */
export const businessUserIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\p{C}]+$/u, 'printable characters only');

/** A TCCC seat account: email-like, at most 128 characters. */
export const seatUserIdSchema = z
  .string()
  .max(128)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an email-like seat account, e.g. agent@example.com');

export const seatCreateSchema = z
  .object({
    businessUserId: businessUserIdSchema,
    sdkAppId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    seatUserId: seatUserIdSchema,
    displayName: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type SeatCreate = z.infer<typeof seatCreateSchema>;

export const seatUpdateSchema = z
  .object({
    seatUserId: seatUserIdSchema.optional(),
    displayName: z.string().trim().min(1).max(200).nullable().optional(),
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
