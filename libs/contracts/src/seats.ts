import { z } from 'zod';
import { cursorQuery } from './pagination';
import { FORMULA_START_MESSAGE, noFormulaStart, text } from './text';
import type { LicenceCounts } from './errors';
import type { ImportProblem } from './issues';

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

/** TCCC's phone format: 0086 and an 11-digit mobile number (the documentation's example). */
export const tcccPhoneSchema = z.string().regex(/^0086\d{11}$/, 'a phone number such as 008613800000001');

export const staffNumberSchema = text().trim().min(1).max(64).refine(noFormulaStart, FORMULA_START_MESSAGE);

/** TCCC's role: 1 admin, 2 quality assurance, 3 agent; other values are custom roles. */
export const seatRoleSchema = z.number().int().min(1).max(10_000);

export const skillGroupNameSchema = text()
  .trim()
  .min(1)
  .max(100)
  .refine(noFormulaStart, FORMULA_START_MESSAGE);

export const seatCreateSchema = z
  .object({
    businessUserId: businessUserIdSchema,
    sdkAppId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    seatUserId: seatUserIdSchema,
    displayName: seatDisplayNameSchema.optional(),
    /**
     * Create the seat in TCCC (CreateStaff) before mapping it, with these attributes and the
     * tenant's and app's defaults for the rest; without it the seat must exist (it is adopted).
     */
    provision: z.boolean().optional(),
    staffNumber: staffNumberSchema.optional(),
    phone: tcccPhoneSchema.optional(),
    role: seatRoleSchema.optional(),
    skillGroups: z.array(skillGroupNameSchema).max(20).optional(),
  })
  .strict();
export type SeatCreate = z.infer<typeof seatCreateSchema>;

export const seatUpdateSchema = z
  .object({
    seatUserId: seatUserIdSchema.optional(),
    displayName: seatDisplayNameSchema.nullable().optional(),
    status: z.enum(['enabled', 'disabled']).optional(),
    /** a provisioned seat's attributes: sent to TCCC (ModifyStaff, skill-group bind/unbind) */
    staffNumber: staffNumberSchema.optional(),
    phone: tcccPhoneSchema.optional(),
    skillGroups: z.array(skillGroupNameSchema).max(20).optional(),
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
/**
 * The provisioning columns of an import: `provision` yes on a row creates its seat in TCCC (a job
 * started after the mappings are imported; seatUserId may then be empty, from the seat-id rule);
 * the others are the seat's attributes, the tenant's and app's defaults when empty.
 */
export const SEAT_PROVISION_COLUMNS = ['provision', 'staffNumber', 'phone', 'role', 'skillGroups'] as const;
/** What an export writes; an import accepts these too, so an exported file imports back as it was. */
export const SEAT_EXPORT_COLUMNS = [...SEAT_CSV_COLUMNS, 'status', ...SEAT_PROVISION_COLUMNS] as const;
/** Headers an import also reads, under the column they stand for (TCCC's own words for them). */
export const SEAT_COLUMN_ALIASES: Readonly<Record<string, (typeof SEAT_CSV_COLUMNS)[number]>> = {
  name: 'displayName',
  mail: 'seatUserId',
};

/** The provision cell: yes/no, true/false, 1/0, 是/否 (any case); empty is no. */
export function provisionFlag(cell: string): boolean | null {
  const value = cell.trim().toLowerCase();
  if (['', 'no', 'n', 'false', '0', '否'].includes(value)) return false;
  if (['yes', 'y', 'true', '1', '是'].includes(value)) return true;
  return null;
}

/** The role cell: admin/qa/agent, 1/2/3 or 管理员/质检/坐席 (TCCC's 1 admin, 2 QA, 3 agent); empty is the default. */
export function seatRoleOf(cell: string): number | null {
  const value = cell.trim().toLowerCase();
  const roles: Record<string, number> = {
    admin: 1,
    qa: 2,
    agent: 3,
    '1': 1,
    '2': 2,
    '3': 3,
    管理员: 1,
    质检: 2,
    坐席: 3,
  };
  return roles[value] ?? null;
}

/** The skill-groups cell: names separated by ; or the full-width ；. */
export function skillGroupNamesOf(cell: string): string[] {
  return cell
    .split(/[;；]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

export interface SeatView {
  id: string;
  tenantId: string;
  appId: string;
  sdkAppId: number;
  businessUserId: string;
  seatUserId: string;
  displayName: string | null;
  status: 'enabled' | 'disabled';
  /** provisioned: Seatgate created the seat in TCCC; adopted: it existed */
  origin: 'adopted' | 'provisioned';
  staffNumber: string | null;
  phone: string | null;
  role: number | null;
  skillGroups: string[];
  /** offboarding found the seat online: when it was told it must go offline */
  offlineRequiredAt: string | null;
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
  /** data rows in the file (exact repeats and skipped rows included) */
  rows: number;
  /** rows that repeat an earlier row exactly: counted once */
  repeats: number;
  /** rows left out because they were invalid (only with skipInvalid; otherwise the import is refused) */
  skipped: number;
  /** why each skipped row was left out, as codes with params (empty unless rows were skipped) */
  problems: ImportProblem[];
  /** rows with provision yes (only when the file has any): their seats are created in TCCC, one job per app */
  provisioning?: SeatImportProvisioning;
}

export interface SeatImportProvisioning {
  /** rows to provision (valid, not mapped already) */
  rows: number;
  /** of those, seats TCCC does not have yet (the others exist and are adopted) */
  toCreate: number;
  apps: {
    sdkAppId: number;
    rows: number;
    toCreate: number;
    licences: LicenceCounts;
    /** the job that creates them (null on a dry run) */
    jobId: string | null;
  }[];
}

/** POST …/seats/import options: `dryRun` checks without writing; `skipInvalid` imports the valid rows. */
export const seatImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  skipInvalid: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export type SeatImportQuery = z.infer<typeof seatImportQuery>;
