// Path ids: anything that is not a uuid cannot name a record, so it is "not found" like any other.
import { PipeTransform } from '@nestjs/common';
import type { ErrorCode } from '@seatgate/contracts';
import { DomainError } from '../errors/domain.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly code: ErrorCode) {}

  transform(value: string): string {
    if (!UUID.test(value))
      throw new DomainError(
        this.code,
        `${this.code.replace(/_not_found$/, '').replace(/_/g, ' ')} not found`,
      );
    return value.toLowerCase();
  }
}
