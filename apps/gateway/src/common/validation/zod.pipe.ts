// Validates a body or query against its shared schema from @seatgate/contracts. Before the schema
// runs, every string in the input (keys included) is checked for what PostgreSQL text cannot hold,
// so no schema, present or future, can let a NUL or a lone surrogate through to the database.
import { PipeTransform } from '@nestjs/common';
import { unstorableReason, validationIssuesOf, type ValidationIssue } from '@seatgate/contracts';
import type { z } from 'zod';
import { domainError, type DomainError } from '../errors/domain.error';

export type { ValidationIssue };

export function validationFailed(issues: ValidationIssue[]): DomainError {
  const first = issues[0];
  const message = first ? `${first.path || 'body'}: ${first.message}` : 'invalid request';
  return domainError('validation_failed', message, { issues });
}

export function validationError(error: z.ZodError): DomainError {
  return validationFailed(validationIssuesOf(error));
}

const unstorableCode = (reason: string): ValidationIssue['code'] =>
  reason.includes('NUL') ? 'unstorable_nul' : 'unstorable_surrogate';

/**
 * The first string (value or key) in `value` that PostgreSQL cannot store, with its path. Iterative,
 * so a deeply nested body cannot overflow the stack.
 */
export function findUnstorableText(value: unknown): ValidationIssue | null {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (typeof current.value === 'string') {
      const reason = unstorableReason(current.value);
      if (reason) return { path: current.path.join('.'), message: reason, code: unstorableCode(reason) };
      continue;
    }
    if (current.value === null || typeof current.value !== 'object') continue;
    const entries = Array.isArray(current.value)
      ? current.value.map((item: unknown, index) => [String(index), item] as const)
      : Object.entries(current.value as Record<string, unknown>);
    for (const [key, item] of entries.reverse()) {
      const keyReason = unstorableReason(key);
      if (keyReason)
        return {
          path: [...current.path, key].join('.'),
          message: `field name ${keyReason}`,
          code: unstorableCode(keyReason),
        };
      stack.push({ value: item, path: [...current.path, key] });
    }
  }
  return null;
}

export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.output<T> {
    const unstorable = findUnstorableText(value);
    if (unstorable) throw validationFailed([unstorable]);
    const parsed = this.schema.safeParse(value ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    return parsed.data;
  }
}
