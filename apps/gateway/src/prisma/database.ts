// The client repositories query. Inside a unit of work (database/unit-of-work.ts) it is that
// work's transaction, found through AsyncLocalStorage, so no transaction handle travels through
// services; outside one it is the shared PrismaService. Only repositories inject it.
import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaService, type Tx } from './prisma.service';

export interface TransactionOptions {
  /** how long the transaction may run, in milliseconds (Prisma's default is 5 s) */
  timeoutMs?: number;
}

@Injectable()
export class Database {
  private readonly current = new AsyncLocalStorage<Tx>();

  constructor(private readonly prisma: PrismaService) {}

  /** The current unit of work's transaction, or the shared client outside one. */
  get client(): Tx {
    return this.current.getStore() ?? this.prisma;
  }

  /**
   * Runs `work` in one transaction: everything it queries through `client` commits or rolls back
   * together. Called inside another transaction, it joins that one (its options are ignored): the
   * outermost caller decides where the transaction ends.
   */
  transaction<T>(work: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.current.getStore()) return work();
    return this.prisma.$transaction((tx) => this.current.run(tx, work), { timeout: options.timeoutMs });
  }
}
