// Sessions (issue 16): who is online on which seat (TCCC's DescribeStaffStatusMetrics joined with
// the mappings and each user's last login), and an admin's sign-out and restore of a seat
// (ForceMemberOffline / RestoreMemberOnline, with the mark on the seat mapping that logins read).
// Owns presence_events (the status changes seen, per tenant's retention) and the usage figures
// built from them and the audit trail; seat_mappings through SeatDirectory, audit via AuditService.
// The automatic sign-out (a tenant suspended, a mapping disabled or deleted) and its restore are
// durable job kinds (sign_out, restore) on the JobRunner; the presence poller keeps the history
// current between admins' views.
import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { AuditModule } from '../audit/audit.module';
import { JobsModule } from '../jobs/jobs.module';
import { SeatDirectoryModule } from '../seats/seat-directory.module';
import { TcccModule } from '../tccc/tccc.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AutoSignOutService } from './auto-sign-out.service';
import { PresencePoller } from './presence-poller';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { UsageService } from './usage.service';
import { CsvDownloads } from '../../common/csv/csv-download';

@Module({
  imports: [TenantsModule, AppsModule, SeatDirectoryModule, AuditModule, TcccModule, JobsModule],
  controllers: [SessionsController],
  providers: [
    SessionsService,
    UsageService,
    SessionsRepository,
    CsvDownloads,
    AutoSignOutService,
    PresencePoller,
  ],
  exports: [AutoSignOutService],
})
export class SessionsModule {}
