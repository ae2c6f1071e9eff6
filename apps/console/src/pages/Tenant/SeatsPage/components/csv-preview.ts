// Reads a seat CSV in the browser only to *show* it next to the gateway's verdict: each record
// with the file line it starts on (the line numbers the gateway's row errors use). The gateway
// remains the one that validates; this parser is lenient and never rejects.
import { SEAT_COLUMN_ALIASES, SEAT_CSV_COLUMNS } from '@seatgate/contracts';

export interface PreviewRow {
  line: number;
  businessUserId: string;
  sdkAppId: string;
  seatUserId: string;
  displayName: string;
  /** the provisioning cells, as written */
  provision: string;
  staffNumber: string;
  phone: string;
  role: string;
  skillGroups: string;
}

export const SEAT_CSV_TEMPLATE = `${SEAT_CSV_COLUMNS.join(',')}\nagent-1001,1400000001,agent1001@example.com,Alice\n`;

/** RFC 4180 records, each with the 1-based line it starts on; blank lines are skipped. */
export function csvRecords(text: string): { line: number; fields: string[] }[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let sawContent = false;
  const endRecord = () => {
    fields.push(field);
    if (sawContent || fields.length > 1) records.push({ line: start, fields });
    fields = [];
    field = '';
    sawContent = false;
  };
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"') {
      quoted = true;
      sawContent = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      sawContent = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index += 1;
      endRecord();
      line += 1;
      start = line;
    } else {
      field += char;
      if (char.trim() !== '') sawContent = true;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

export function previewSeatCsv(text: string): PreviewRow[] {
  const [header, ...records] = csvRecords(text);
  if (!header) return [];
  const names: string[] = header.fields.map((name) => SEAT_COLUMN_ALIASES[name.trim()] ?? name.trim());
  const column = (fields: string[], name: string) => {
    const index = names.indexOf(name);
    return index >= 0 ? (fields[index] ?? '').trim() : '';
  };
  return records.map(({ line, fields }) => ({
    line,
    businessUserId: column(fields, 'businessUserId'),
    sdkAppId: column(fields, 'sdkAppId'),
    seatUserId: column(fields, 'seatUserId'),
    displayName: column(fields, 'displayName'),
    provision: column(fields, 'provision'),
    staffNumber: column(fields, 'staffNumber'),
    phone: column(fields, 'phone'),
    role: column(fields, 'role'),
    skillGroups: column(fields, 'skillGroups'),
  }));
}
