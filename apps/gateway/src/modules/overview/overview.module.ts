// The tenant overview, read-only and with no table of its own: login statistics from the audit
// trail (AuditService), apps (AppDirectory) and seat counts (SeatDirectory), and what TCCC lists.
import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { AuditModule } from '../audit/audit.module';
import { KeysModule } from '../keys/keys.module';
import { SeatDirectoryModule } from '../seats/seat-directory.module';
import { TcccModule } from '../tccc/tccc.module';
import { TenantsModule } from '../tenants/tenants.module';
import { OverviewController } from './overview.controller';
import { OverviewLicencesService } from './overview-licences.service';
import { OverviewService } from './overview.service';

@Module({
  imports: [TenantsModule, AppsModule, SeatDirectoryModule, AuditModule, TcccModule, KeysModule],
  controllers: [OverviewController],
  providers: [OverviewService, OverviewLicencesService],
})
export class OverviewModule {}
