// A service's way to say "these writes belong together": `uow.run(() => ...)`. The repositories it
// calls inside join the transaction by themselves (prisma/database.ts), so services never hold a
// transaction handle, nor import Prisma. A run inside another run joins the outer one.
import { Injectable } from '@nestjs/common';
import { Database, type TransactionOptions } from '../prisma/database';

export type UnitOfWorkOptions = TransactionOptions;

@Injectable()
export class UnitOfWork {
  constructor(private readonly database: Database) {}

  run<T>(work: () => Promise<T>, options?: UnitOfWorkOptions): Promise<T> {
    return this.database.transaction(work, options);
  }
}
