// Reads _prisma_migrations (Prisma's own table) for readiness; owns no table of the schema.
import { Injectable } from '@nestjs/common';
import { Database } from '../../prisma/database';

@Injectable()
export class HealthRepository {
  constructor(private readonly db: Database) {}

  async appliedMigrations(): Promise<string[]> {
    const rows = await this.db.client.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    return rows.map((row) => row.migration_name);
  }
}
