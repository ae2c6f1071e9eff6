// The database's verdicts on its constraints (unique keys, foreign keys), read from Prisma's
// errors by constraint name, for repositories to turn into their module's domain errors.
import { Prisma } from '../generated/prisma/client';

export interface ConstraintViolation {
  kind: 'unique' | 'foreign_key';
  /** the index or constraint PostgreSQL named (e.g. `tenants_slug_key`), when it named one */
  constraint: string | null;
}

const KIND_BY_SQLSTATE: Record<string, ConstraintViolation['kind']> = {
  '23505': 'unique',
  '23503': 'foreign_key',
};

const KIND_BY_PRISMA_CODE: Record<string, ConstraintViolation['kind']> = {
  P2002: 'unique',
  P2003: 'foreign_key',
};

interface AdapterCause {
  originalCode?: unknown;
  constraint?: { index?: unknown; fields?: unknown };
}

/**
 * The violation behind `error`, or null when it is something else. Model queries fail with P2002 /
 * P2003, raw queries with P2010; either way the driver adapter's cause carries the SQLSTATE and
 * the constraint's name.
 */
export function constraintViolation(error: unknown): ConstraintViolation | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  const meta = (error.meta ?? {}) as { driverAdapterError?: { cause?: AdapterCause } };
  const cause = meta.driverAdapterError?.cause;
  const sqlState = typeof cause?.originalCode === 'string' ? cause.originalCode : '';
  const kind = KIND_BY_PRISMA_CODE[error.code] ?? KIND_BY_SQLSTATE[sqlState];
  if (!kind) return null;
  const { index, fields } = cause?.constraint ?? {};
  const constraint =
    typeof index === 'string' ? index : Array.isArray(fields) ? fields.map(String).join(',') : null;
  return { kind, constraint };
}

/**
 * Runs a write; a constraint violation that `translate` recognises becomes the error it returns,
 * anything else is rethrown unchanged.
 */
export async function translateViolations<T>(
  write: () => Promise<T>,
  translate: (violation: ConstraintViolation) => Error | null,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const violation = constraintViolation(error);
    throw (violation && translate(violation)) ?? error;
  }
}
