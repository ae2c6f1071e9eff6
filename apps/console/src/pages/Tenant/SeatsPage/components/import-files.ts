// Files the import dialog offers: the template, built from the tenant's own apps, and the problems
// of a checked file (one row per problem, worded in the admin's language), both CSV with a UTF-8 BOM
// so that Excel, Chinese Excel above all, opens them as written.
import { SEAT_CSV_COLUMNS, SEAT_PROVISION_COLUMNS, type AppView } from '@seatgate/contracts';

const csvCell = (value: string | number) => {
  const text = String(value);
  // a leading formula character is quoted with an apostrophe, as the gateway's exports do
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const csvLine = (cells: (string | number)[]) => cells.map(csvCell).join(',');

/**
 * The columns (the provisioning ones too) and one sample row per app of the tenant, with its
 * SDKAppID (a placeholder without apps): mappings of seats that exist, provision "no".
 */
export function seatTemplate(apps: Pick<AppView, 'sdkAppId' | 'label'>[], sampleName: string): string {
  const samples = apps.length > 0 ? apps : [{ sdkAppId: 1400000001, label: '' }];
  return [
    [...SEAT_CSV_COLUMNS, ...SEAT_PROVISION_COLUMNS].join(','),
    ...samples.map((app, index) =>
      csvLine([
        `agent-${1001 + index}`,
        app.sdkAppId,
        `agent${1001 + index}@example.com`,
        sampleName,
        'no',
        '',
        '',
        '',
        '',
      ]),
    ),
  ].join('\r\n');
}

export interface ProblemRow {
  line: number;
  field: string;
  code: string;
  message: string;
  /** the row's cells as read, to fix beside the message */
  cells: string[];
}

/** The problems as a CSV: its header in the admin's language, one row per problem. */
export function problemsCsv(header: string[], problems: ProblemRow[]): string {
  return `\uFEFF${[csvLine(header), ...problems.map((problem) => csvLine([problem.line, problem.field, problem.code, problem.message, ...problem.cells]))].join('\r\n')}\r\n`;
}
