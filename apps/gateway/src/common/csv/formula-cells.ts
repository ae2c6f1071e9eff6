// OWASP CSV Injection: a cell that begins with =, +, -, @, a tab or a carriage return is read as a
// formula by Excel, LibreOffice and WPS. Exports prefix such a cell with a single quote (and quote
// the whole field, so no separator inside it can start a new cell); the seat importer strips that
// quote again so an exported file imports back to the same values.
import { FORMULA_START } from '@seatgate/contracts';

/** A cell that begins with this quote was prefixed too, so that stripping one quote is exact. */
const PROTECTIVE_QUOTE = "'";

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) || cell.startsWith(PROTECTIVE_QUOTE) ? `${PROTECTIVE_QUOTE}${cell}` : cell;
}

/** The inverse of neutraliseFormula for every cell it wrote. */
export function restoreFormula(cell: string): string {
  return cell.startsWith(PROTECTIVE_QUOTE) ? cell.slice(1) : cell;
}

/** csv-stringify's quoted_match: every neutralised cell is written as a quoted field. */
export const NEUTRALISED_CELL = /^'/;

/**
 * What exports quote: neutralised cells, and cells with whitespace at either end, which an importer
 * that trims unquoted fields (the seat import does) would otherwise lose: ` u1` would come back `u1`.
 */
export const QUOTED_CELL = new RegExp(`${NEUTRALISED_CELL.source}|^\\s|\\s$`);
