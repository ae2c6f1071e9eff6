// Reading a seat-mapping CSV: header check, per-row validation, duplicates inside the file, and
// clashes with mappings already stored. It collects every bad row; the service writes only when
// there are none (all-or-nothing).
import { parse } from 'csv-parse';
import {
  businessUserIdSchema,
  SEAT_CSV_COLUMNS,
  SEAT_EXPORT_COLUMNS,
  seatDisplayNameSchema,
  seatUserIdSchema,
  type SeatImportRowError,
} from '@seatgate/contracts';
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

function checkHeader(header: string[]): string[] {
  const names = header.map((name) => name.trim());
  const required = SEAT_CSV_COLUMNS.filter((column) => column !== 'displayName');
  const missing = required.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw seatErrors.importRejected(`the CSV header lacks ${missing.join(', ')}`, [
      { line: 1, reason: `missing column(s): ${missing.join(', ')}; expected ${SEAT_CSV_COLUMNS.join(',')}` },
    ]);
  }
  const unknown = names.filter((name) => !(SEAT_EXPORT_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw seatErrors.importRejected(`unknown CSV column(s): ${unknown.join(', ')}`, [
      { line: 1, reason: `unknown column(s): ${unknown.join(', ')}; expected ${SEAT_CSV_COLUMNS.join(',')}` },
    ]);
  }
  return names;
}

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.error?.issues[0]?.message ?? 'invalid';
}

/** Parses and validates every row; knows nothing about the database. */
export async function parseSeatCsv(input: Readable): Promise<ImportPlan> {
  const parser = parse({
    bom: true,
    columns: checkHeader,
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
        throw seatErrors.importRejected(`a file may hold at most ${MAX_IMPORT_ROWS} rows`, [
          { line, reason: `more than ${MAX_IMPORT_ROWS} rows` },
        ]);
      }
      const reasons: string[] = [];
      const businessUserId = businessUserIdSchema.safeParse(record.businessUserId ?? '');
      if (!businessUserId.success) reasons.push(`businessUserId: ${firstIssue(businessUserId)}`);
      const rawAppId = record.sdkAppId ?? '';
      const sdkAppId = /^\d{1,15}$/.test(rawAppId) ? Number(rawAppId) : NaN;
      if (!Number.isSafeInteger(sdkAppId) || sdkAppId < 1)
        reasons.push('sdkAppId: must be a positive integer');
      const seatUserId = seatUserIdSchema.safeParse(record.seatUserId ?? '');
      if (!seatUserId.success) reasons.push(`seatUserId: ${firstIssue(seatUserId)}`);
      const rawDisplayName = record.displayName?.trim() ?? '';
      const displayName = rawDisplayName ? seatDisplayNameSchema.safeParse(rawDisplayName) : null;
      if (displayName && !displayName.success) reasons.push(`displayName: ${firstIssue(displayName)}`);
      const status = record.status || 'enabled';
      if (status !== 'enabled' && status !== 'disabled') reasons.push('status: enabled or disabled');
      if (reasons.length > 0) {
        errors.push({ line, reason: reasons.join('; ') });
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
    throw seatErrors.importRejected('the file is not a readable CSV', [{ line: 0, reason: message }]);
  }
  return { rows, errors };
}

/** Flags rows that map a seat or a business user twice within one app. */
export function findDuplicates(
  rows: ParsedSeatRow[],
  appIdOf: (row: ParsedSeatRow) => string | undefined,
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
    if (seatLine !== undefined)
      errors.push({
        line: row.line,
        reason: `seatUserId ${row.seatUserId} is already mapped on line ${seatLine}`,
      });
    else if (userLine !== undefined) {
      errors.push({
        line: row.line,
        reason: `businessUserId ${row.businessUserId} already has a seat in app ${row.sdkAppId} on line ${userLine}`,
      });
    } else {
      seats.set(seatKey, row.line);
      users.set(userKey, row.line);
    }
  }
  return errors;
}
