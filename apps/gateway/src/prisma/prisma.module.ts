// The database, global like configuration: PrismaService and the shared pg pool (PgPool) that
// hot paths use for prepared statements.
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PgPool } from '../database/pg-pool';
import { UnitOfWork } from '../database/unit-of-work';
import { Database } from './database';
import { PrismaService } from './prisma.service';

@Global()
@Module({
  providers: [
    { provide: PgPool, useFactory: (config: AppConfig) => PgPool.fromConfig(config), inject: [AppConfig] },
    PrismaService,
    Database,
    UnitOfWork,
  ],
  exports: [PrismaService, PgPool, Database, UnitOfWork],
})
export class PrismaModule {}
