// Seat mappings (the seat_mappings table, through SeatDirectoryModule): the admin API to list,
// change, import and export them.
import { Module } from '@nestjs/common';
import { CsvDownloads } from '../../common/csv/csv-download';
import { AppsModule } from '../apps/apps.module';
import { AuditModule } from '../audit/audit.module';
import { TenantsModule } from '../tenants/tenants.module';
import { SeatDirectoryModule } from './seat-directory.module';
import { SeatExportService } from './seat-export.service';
import { SeatImportService } from './seat-import.service';
import { SeatsController } from './seats.controller';
import { SeatsService } from './seats.service';

@Module({
  imports: [SeatDirectoryModule, TenantsModule, AppsModule, AuditModule],
  controllers: [SeatsController],
  providers: [SeatsService, SeatImportService, SeatExportService, CsvDownloads],
})
export class SeatsModule {}
