// Reading a seat-mapping CSV: header check, per-row validation, duplicates inside the file, and
// clashes with mappings already stored. It collects every bad row; the service writes only when
// there are none (all-or-nothing).
import { parse } from 'csv-parse';
import {
  businessUserIdSchema,
  issueCodeOf,
  provisionFlag,
  SEAT_COLUMN_ALIASES,
  SEAT_CSV_COLUMNS,
  SEAT_EXPORT_COLUMNS,
  seatDisplayNameSchema,
  seatRoleOf,
  seatUserIdSchema,
  skillGroupNameSchema,
  skillGroupNamesOf,
  staffNumberSchema,
  tcccPhoneSchema,
  type ImportProblem,
  type SeatImportRowError,
} from '@seatgate/contracts';
import type { z } from 'zod';
import { pipeline, type Readable } from 'node:stream';
import { restoreFormula } from '../../common/csv/formula-cells';
import { DomainError } from '../../common/errors/domain.error';
import { seatErrors } from './seats.errors';

export const MAX_IMPORT_ROWS = 100_000;

export interface ParsedSeatRow {
  line: number;
  businessUserId: string;
  sdkAppId: number;
  /** empty on a row to provision whose seat id comes from the seat-id rule (until it is resolved) */
  seatUserId: string;
  displayName: string | null;
  status: 'enabled' | 'disabled';
  /** create the seat in TCCC (a provisioning job), with these attributes or the defaults */
  provision: boolean;
  staffNumber?: string;
  phone?: string;
  role?: number;
  skillGroups?: string[];
}

export interface ImportPlan {
  rows: ParsedSeatRow[];
  errors: SeatImportRowError[];
}

/**
 * Where the coded twin of each row error goes (`problems` of the 422, which the console words in
 * the admin's language). Callers that only need the English `errors` pass none.
 */
export type ProblemSink = ImportProblem[] | undefined;

function checkHeader(header: string[], problems: ProblemSink): string[] {
  const names: string[] = header.map((name) => {
    const trimmed = name.trim();
    return SEAT_COLUMN_ALIASES[trimmed] ?? trimmed;
  });
  // a file that provisions may leave seat ids to the seat-id rule
  const required = SEAT_CSV_COLUMNS.filter(
    (column) => column !== 'displayName' && !(column === 'seatUserId' && names.includes('provision')),
  );
  const expected = SEAT_CSV_COLUMNS.join(',');
  const missing = required.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    const problem: ImportProblem = {
      line: 1,
      code: 'csv_missing_columns',
      params: { columns: missing.join(', '), expected },
    };
    throw seatErrors.importRejected(
      `the CSV header lacks ${missing.join(', ')}`,
      [{ line: 1, reason: `missing column(s): ${missing.join(', ')}; expected ${expected}` }],
      undefined,
      problems && [problem],
    );
  }
  const unknown = names.filter((name) => !(SEAT_EXPORT_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    const problem: ImportProblem = {
      line: 1,
      code: 'csv_unknown_columns',
      params: { columns: unknown.join(', '), expected },
    };
    throw seatErrors.importRejected(
      `unknown CSV column(s): ${unknown.join(', ')}`,
      [{ line: 1, reason: `unknown column(s): ${unknown.join(', ')}; expected ${expected}` }],
      undefined,
      problems && [problem],
    );
  }
  return names;
}

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.error?.issues[0]?.message ?? 'invalid';
}

/** The coded form of a field's first zod issue. */
function firstProblem(line: number, field: string, error: z.ZodError | undefined): ImportProblem {
  const issue = error?.issues[0];
  return { line, field, ...(issue ? issueCodeOf(issue) : { code: 'invalid' }) };
}

/** The provisioning attributes of a row (each checked as the map-seat form checks it); empty cells are absent. */
function readAttributes(
  line: number,
  record: Record<string, string>,
  reasons: string[],
  coded: ImportProblem[],
): Pick<ParsedSeatRow, 'staffNumber' | 'phone' | 'role' | 'skillGroups'> {
  const out: Pick<ParsedSeatRow, 'staffNumber' | 'phone' | 'role' | 'skillGroups'> = {};
  const staffNumber = record.staffNumber?.trim() ?? '';
  if (staffNumber) {
    const parsed = staffNumberSchema.safeParse(staffNumber);
    if (parsed.success) out.staffNumber = parsed.data;
    else {
      reasons.push(`staffNumber: ${firstIssue(parsed)}`);
      coded.push(firstProblem(line, 'staffNumber', parsed.error));
    }
  }
  // a spreadsheet drops 0086's leading zeros (it reads the cell as a number), and people write
  // +86: both are the same number in TCCC's form
  const phone = (record.phone?.trim() ?? '').replace(/^(?:\+|00)?(86\d{11})$/, '00$1');
  if (phone) {
    const parsed = tcccPhoneSchema.safeParse(phone);
    if (parsed.success) out.phone = parsed.data;
    else {
      reasons.push(`phone: ${firstIssue(parsed)}`);
      coded.push(firstProblem(line, 'phone', parsed.error));
    }
  }
  const role = record.role?.trim() ?? '';
  if (role) {
    const parsed = seatRoleOf(role);
    if (parsed !== null) out.role = parsed;
    else {
      reasons.push('role: admin, qa or agent (1, 2 or 3)');
      coded.push({ line, field: 'role', code: 'csv_role' });
    }
  }
  const groups = skillGroupNamesOf(record.skillGroups ?? '');
  if (groups.length > 0) {
    const parsed = skillGroupNameSchema.array().max(20).safeParse(groups);
    if (parsed.success) out.skillGroups = parsed.data;
    else {
      reasons.push(`skillGroups: ${firstIssue(parsed)}`);
      coded.push(firstProblem(line, 'skillGroups', parsed.error));
    }
  }
  return out;
}

/**
 * Parses and validates every row; knows nothing about the database. With a `problems` sink, each
 * refusal is also recorded there as a code with its params.
 */
export async function parseSeatCsv(input: Readable, problems?: ImportProblem[]): Promise<ImportPlan> {
  const parser = parse({
    bom: true,
    columns: (header: string[]) => checkHeader(header, problems),
    skip_empty_lines: true,
    trim: true,
    info: true,
    relax_column_count: true,
    max_record_size: 4096,
  });
  // pipeline, not .pipe(): the source's errors (too large, upload aborted) must reach the parser
  pipeline(input, parser, () => undefined);
  const rows: ParsedSeatRow[] = [];
  const errors: SeatImportRowError[] = [];
  try {
    for await (const item of parser as AsyncIterable<{
      record: Record<string, string | undefined>;
      info: { lines: number };
    }>) {
      const { info } = item;
      // an exported file carries a protective quote before cells a spreadsheet would evaluate
      const record = Object.fromEntries(
        Object.entries(item.record).map(([column, value]) => [column, restoreFormula(value ?? '')]),
      );
      const line = info.lines;
      if (rows.length + errors.length >= MAX_IMPORT_ROWS) {
        input.destroy();
        throw seatErrors.importRejected(
          `a file may hold at most ${MAX_IMPORT_ROWS} rows`,
          [{ line, reason: `more than ${MAX_IMPORT_ROWS} rows` }],
          undefined,
          problems && [{ line, code: 'csv_too_many_rows', params: { max: MAX_IMPORT_ROWS } }],
        );
      }
      const reasons: string[] = [];
      const coded: ImportProblem[] = [];
      const businessUserId = businessUserIdSchema.safeParse(record.businessUserId ?? '');
      if (!businessUserId.success) {
        reasons.push(`businessUserId: ${firstIssue(businessUserId)}`);
        coded.push(firstProblem(line, 'businessUserId', businessUserId.error));
      }
      const rawAppId = record.sdkAppId ?? '';
      const sdkAppId = /^\d{1,15}$/.test(rawAppId) ? Number(rawAppId) : NaN;
      if (!Number.isSafeInteger(sdkAppId) || sdkAppId < 1) {
        reasons.push('sdkAppId: must be a positive integer');
        coded.push({ line, field: 'sdkAppId', code: 'csv_positive_integer' });
      }
      const provision = provisionFlag(record.provision ?? '');
      if (provision === null) {
        reasons.push('provision: yes or no');
        coded.push({ line, field: 'provision', code: 'csv_provision_flag' });
      }
      const rawSeatUserId = record.seatUserId ?? '';
      const seatUserId = seatUserIdSchema.safeParse(rawSeatUserId);
      // a row to provision may leave its seat id to the seat-id rule
      if (!seatUserId.success && !(provision && rawSeatUserId === '')) {
        reasons.push(`seatUserId: ${firstIssue(seatUserId)}`);
        coded.push(firstProblem(line, 'seatUserId', seatUserId.error));
      }
      const attributes = readAttributes(line, record, reasons, coded);
      const rawDisplayName = record.displayName?.trim() ?? '';
      const displayName = rawDisplayName ? seatDisplayNameSchema.safeParse(rawDisplayName) : null;
      if (displayName && !displayName.success) {
        reasons.push(`displayName: ${firstIssue(displayName)}`);
        coded.push(firstProblem(line, 'displayName', displayName.error));
      }
      const status = record.status || 'enabled';
      if (status !== 'enabled' && status !== 'disabled') {
        reasons.push('status: enabled or disabled');
        coded.push({ line, field: 'status', code: 'csv_status' });
      } else if (provision && status === 'disabled') {
        reasons.push('status: a seat created in TCCC is mapped enabled');
        coded.push({ line, field: 'status', code: 'csv_provision_status' });
      }
      if (reasons.length > 0) {
        errors.push({ line, reason: reasons.join('; ') });
        problems?.push(...coded);
        continue;
      }
      rows.push({
        line,
        businessUserId: record.businessUserId!,
        sdkAppId,
        // TCCC compares mails in lower case; a seat Seatgate creates is stored so
        seatUserId: provision ? rawSeatUserId.toLowerCase() : rawSeatUserId,
        displayName: displayName?.data ?? null,
        status: status === 'disabled' ? 'disabled' : 'enabled',
        provision: provision === true,
        ...attributes,
      });
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const message = error instanceof Error ? error.message : 'unreadable CSV';
    throw seatErrors.importRejected(
      'the file is not a readable CSV',
      [{ line: 0, reason: message }],
      undefined,
      problems && [{ line: 0, code: 'csv_unreadable' }],
    );
  }
  return { rows, errors };
}

/**
 * Drops rows that repeat an earlier row exactly (same app, business user, seat, display name,
 * status and provisioning cells): a file pasted together twice says the same thing twice, which is one mapping, not an
 * error. A repeat that differs in anything is kept, for findDuplicates to flag.
 */
export function dropExactRepeats(rows: ParsedSeatRow[]): { rows: ParsedSeatRow[]; repeats: number } {
  const seen = new Set<string>();
  const kept: ParsedSeatRow[] = [];
  for (const row of rows) {
    const { line: _line, ...content } = row;
    const key = JSON.stringify(Object.entries(content).sort(([a], [b]) => a.localeCompare(b)));
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(row);
  }
  return { rows: kept, repeats: rows.length - kept.length };
}

/** Flags rows that map a seat or a business user twice within one app. */
export function findDuplicates(
  rows: ParsedSeatRow[],
  appIdOf: (row: ParsedSeatRow) => string | undefined,
  problems?: ImportProblem[],
): SeatImportRowError[] {
  const seats = new Map<string, number>();
  const users = new Map<string, number>();
  const errors: SeatImportRowError[] = [];
  for (const row of rows) {
    const appId = appIdOf(row);
    if (!appId) continue;
    const seatKey = `${appId}\u0000${row.seatUserId}`;
    const userKey = `${appId}\u0000${row.businessUserId}`;
    const seatLine = seats.get(seatKey);
    const userLine = users.get(userKey);
    if (seatLine !== undefined) {
      errors.push({
        line: row.line,
        reason: `seatUserId ${row.seatUserId} is already mapped on line ${seatLine}`,
      });
      problems?.push({
        line: row.line,
        field: 'seatUserId',
        code: 'csv_seat_repeated',
        params: { seatUserId: row.seatUserId, line: seatLine },
      });
    } else if (userLine !== undefined) {
      errors.push({
        line: row.line,
        reason: `businessUserId ${row.businessUserId} already has a seat in app ${row.sdkAppId} on line ${userLine}`,
      });
      problems?.push({
        line: row.line,
        field: 'businessUserId',
        code: 'csv_user_repeated',
        params: { businessUserId: row.businessUserId, sdkAppId: row.sdkAppId, line: userLine },
      });
    } else {
      seats.set(seatKey, row.line);
      users.set(userKey, row.line);
    }
  }
  return errors;
}
