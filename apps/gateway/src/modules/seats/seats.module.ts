// Seat mappings (the seat_mappings table, through SeatDirectoryModule): the admin API to list,
// change, import and export them; the seat lifecycle in TCCC (provision, change, offboard) and the
// job kinds that carry it out; the reconcile plan of an app. A disabled or deleted mapping's seat
// is signed out through the sessions module's AutoSignOutService (and restored when the mapping is
// enabled again).
import { Module } from '@nestjs/common';
import { CsvDownloads } from '../../common/csv/csv-download';
import { XlsxDownloads } from '../../common/csv/xlsx-download';
import { AppsModule } from '../apps/apps.module';
import { AuditModule } from '../audit/audit.module';
import { JobsModule } from '../jobs/jobs.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TcccModule } from '../tccc/tccc.module';
import { TenantsModule } from '../tenants/tenants.module';
import { SeatLifecycleController } from './seat-lifecycle.controller';
import { SeatLifecycleService } from './seat-lifecycle.service';
import { SeatReconcileController } from './seat-reconcile.controller';
import { SeatReconcileService } from './seat-reconcile.service';
import { SeatDirectoryModule } from './seat-directory.module';
import { SeatExportService } from './seat-export.service';
import { SeatImportService } from './seat-import.service';
import { SeatsController } from './seats.controller';
import { SeatsService } from './seats.service';

@Module({
  imports: [
    SeatDirectoryModule,
    TenantsModule,
    AppsModule,
    AuditModule,
    TcccModule,
    JobsModule,
    SessionsModule,
  ],
  controllers: [SeatsController, SeatLifecycleController, SeatReconcileController],
  providers: [
    SeatsService,
    SeatLifecycleService,
    SeatReconcileService,
    SeatImportService,
    SeatExportService,
    CsvDownloads,
    XlsxDownloads,
  ],
  exports: [SeatLifecycleService],
})
export class SeatsModule {}
