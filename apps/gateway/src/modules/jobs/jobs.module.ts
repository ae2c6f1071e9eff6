// Durable jobs (the jobs and job_rows tables, and pg-boss's own schema): JobRunner starts a job and
// runs its steps on any replica through the handler its kind's owner registered; the admin API
// reads progress and per-line outcomes.
import { Module } from '@nestjs/common';
import { CsvDownloads } from '../../common/csv/csv-download';
import { XlsxDownloads } from '../../common/csv/xlsx-download';
import { TenantsModule } from '../tenants/tenants.module';
import { JobRunner } from './job-runner';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

@Module({
  imports: [TenantsModule],
  controllers: [JobsController],
  providers: [JobsRepository, JobsService, JobRunner, CsvDownloads, XlsxDownloads],
  exports: [JobRunner],
})
export class JobsModule {}
