// Reading a seat-mapping CSV: header check, per-row validation, duplicates inside the file, and
// clashes with mappings already stored. It collects every bad row; the service writes only when
// there are none (all-or-nothing).
import { parse } from 'csv-parse';
import {
  businessUserIdSchema,
  issueCodeOf,
  SEAT_CSV_COLUMNS,
  SEAT_EXPORT_COLUMNS,
  seatDisplayNameSchema,
  seatUserIdSchema,
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
  seatUserId: string;
  displayName: string | null;
  status: 'enabled' | 'disabled';
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
  const names = header.map((name) => name.trim());
  const required = SEAT_CSV_COLUMNS.filter((column) => column !== 'displayName');
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
      const seatUserId = seatUserIdSchema.safeParse(record.seatUserId ?? '');
      if (!seatUserId.success) {
        reasons.push(`seatUserId: ${firstIssue(seatUserId)}`);
        coded.push(firstProblem(line, 'seatUserId', seatUserId.error));
      }
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
        seatUserId: record.seatUserId!,
        displayName: displayName?.data ?? null,
        status: status === 'disabled' ? 'disabled' : 'enabled',
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
