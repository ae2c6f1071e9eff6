// What PostgreSQL can store and a spreadsheet cannot misread. Every schema builds its strings and
// dates from these, so a NUL, a lone surrogate or a year PostgreSQL cannot hold is a 400 naming the
// field instead of a database error.
import { z } from 'zod';

// NUL: PostgreSQL text cannot hold it. Lone surrogates: not encodable as UTF-8.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as PostgreSQL text, or null when it can. */
export function unstorableReason(value: string): string | null {
  const match = UNSTORABLE.exec(value);
  if (!match) return null;
  return match[0] === '\u0000' ? 'must not contain NUL characters' : 'must not contain lone surrogates';
}

/** A string PostgreSQL can store as text. */
export const text = () =>
  z.string().superRefine((value, ctx) => {
    const reason = unstorableReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP CSV Injection). Exports
 * neutralise them; identifiers that begin with one are refused at input.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

export const noFormulaStart = (value: string) => !FORMULA_START.test(value);
export const FORMULA_START_MESSAGE = 'must not begin with =, +, -, @, a tab or a carriage return';

// Four-digit years only: PostgreSQL's timestamptz spans 4713 BC to 294276 AD, JavaScript's Date
// reaches further both ways, and an ISO string beyond year 9999 is not read back the same everywhere.
export const MIN_DATE = new Date('0001-01-01T00:00:00.000Z');
export const MAX_DATE = new Date('9999-12-31T23:59:59.999Z');

export function isStorableDate(value: Date): boolean {
  const time = value.getTime();
  return !Number.isNaN(time) && time >= MIN_DATE.getTime() && time <= MAX_DATE.getTime();
}

/** A date from a query string or body, within the years PostgreSQL and ISO 8601 agree on. */
export const storableDate = () =>
  z.coerce.date().refine(isStorableDate, { message: 'must be a date between the years 0001 and 9999' });
