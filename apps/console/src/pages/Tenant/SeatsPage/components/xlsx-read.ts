// An .xlsx chosen for import is read here, in the browser, into the CSV text the rest of the import
// works on: it is shown as read, editable, checked and imported exactly like a CSV file. The
// gateway never unpacks a workbook (a small zip can inflate without bound; on the gateway that
// would be every tenant's problem, here it is one tab's), and it keeps one hardened parser, the
// CSV one. exceljs is loaded only when a workbook is chosen, so the console's first load does not
// carry it.
import type { CellValue } from 'exceljs';

/** Larger workbooks are refused before they are unpacked (the gateway's CSV limit is similar). */
export const MAX_XLSX_BYTES = 20 * 1024 * 1024;
/** One more than the gateway accepts, so that its refusal names the limit. */
const MAX_ROWS = 100_001;

export type XlsxRead =
  | { ok: true; csv: string; rows: number; sheet: string }
  | { ok: false; code: 'xlsx_too_large' | 'xlsx_unreadable' | 'xlsx_empty' };

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** A cell as the text a CSV of the sheet would hold (what Excel's "Save as CSV" shows). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text; // a hyperlink
  if ('result' in value) return cellText((value.result ?? null) as CellValue); // a formula: its value
  if ('error' in value) return String(value.error);
  return '';
}

export async function readXlsx(bytes: ArrayBuffer): Promise<XlsxRead> {
  if (bytes.byteLength > MAX_XLSX_BYTES) return { ok: false, code: 'xlsx_too_large' };
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch {
    return { ok: false, code: 'xlsx_unreadable' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) return { ok: false, code: 'xlsx_empty' };
  const lines: string[] = [];
  sheet.eachRow((row) => {
    if (lines.length >= MAX_ROWS) return;
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    lines.push(values.map((value) => csvCell(cellText(value as CellValue).trim())).join(','));
  });
  return {
    ok: true,
    csv: `${lines.join('\r\n')}\r\n`,
    rows: Math.max(lines.length - 1, 0),
    sheet: sheet.name,
  };
}
