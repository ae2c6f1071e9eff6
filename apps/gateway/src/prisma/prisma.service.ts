// The database connection (Prisma over the process's one pg pool). Start fails if PostgreSQL cannot
// be reached. Repositories query through Database (./database.ts), which joins the current unit of
// work. Only the login slice's repository and the audit repository's out-of-transaction fallback
// use this class directly.
import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PgPool } from '../database/pg-pool';
import { Prisma, PrismaClient } from '../generated/prisma/client';

export type Tx = Prisma.TransactionClient;

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  constructor(pool: PgPool) {
    // The process's one pool, shared with the hot path's prepared statements. Prisma ends it on
    // disconnect, and would open a fresh one from the same settings if asked to query again.
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
    await this.$queryRaw`SELECT 1`;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
