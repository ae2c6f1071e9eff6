import { Module } from '@nestjs/common';
import { CsvDownloads } from '../../common/csv/csv-download';
import { AppsModule } from '../apps/apps.module';
import { TenantsModule } from '../tenants/tenants.module';
import { SeatsController } from './seats.controller';
import { SeatsRepository } from './seats.repository';
import { SeatsService } from './seats.service';

@Module({
  imports: [TenantsModule, AppsModule],
  controllers: [SeatsController],
  providers: [SeatsRepository, SeatsService, CsvDownloads],
})
export class SeatsModule {}
