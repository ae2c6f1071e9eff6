// The tenant overview: login statistics from the audit trail and seat counts, read-only.
import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { TenantsModule } from '../tenants/tenants.module';
import { OverviewController } from './overview.controller';
import { OverviewRepository } from './overview.repository';
import { OverviewService } from './overview.service';

@Module({
  imports: [TenantsModule, AppsModule],
  controllers: [OverviewController],
  providers: [OverviewRepository, OverviewService],
})
export class OverviewModule {}
