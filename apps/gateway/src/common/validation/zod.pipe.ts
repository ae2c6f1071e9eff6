// Validates a body or query against its shared schema from @seatgate/contracts.
import { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError } from '../errors/domain.error';

export function validationError(error: z.ZodError): DomainError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = issues[0];
  const message = first ? `${first.path || 'body'}: ${first.message}` : 'invalid request';
  return new DomainError('validation_failed', message, { issues });
}

export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.output<T> {
    const parsed = this.schema.safeParse(value ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    return parsed.data;
  }
}
