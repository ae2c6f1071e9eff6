// Domain errors carry a stable code from @seatgate/contracts; only the exception filter turns
// them into HTTP. Messages are for people and never contain secrets.
import type { ErrorCode } from '@seatgate/contracts';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (code: ErrorCode, what: string): DomainError =>
  new DomainError(code, `${what} not found`);
