// Domain errors carry a stable code from @seatgate/contracts and the details typed for that code;
// only the exception filter turns them into HTTP (status, body and headers such as Retry-After).
// Each feature builds its errors with `domainError` in its `<feature>.errors.ts`. Messages are
// for people and never contain secrets.
import type { ErrorCode, ErrorDetails } from '@seatgate/contracts';

export class DomainError extends Error {
  readonly details: ErrorDetails<ErrorCode> | undefined;

  /** Prefer `domainError(code, message, details)`, which checks the details against the code. */
  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: ErrorDetails<ErrorCode>,
  ) {
    super(message);
    this.name = 'DomainError';
    this.details = details;
  }
}

/** A DomainError of one code, with that code's details. */
export type DomainErrorOf<C extends ErrorCode> = DomainError & {
  readonly code: C;
  readonly details: ErrorDetails<C> | undefined;
};

/** Builds a DomainError whose details are checked against its code. */
export function domainError<C extends ErrorCode>(
  code: C,
  message: string,
  details?: ErrorDetails<C>,
): DomainErrorOf<C> {
  return new DomainError(code, message, details) as DomainErrorOf<C>;
}

/** Narrows an error to one code, with its typed details. */
export function isDomainError<C extends ErrorCode>(error: unknown, code: C): error is DomainErrorOf<C> {
  return error instanceof DomainError && error.code === code;
}
