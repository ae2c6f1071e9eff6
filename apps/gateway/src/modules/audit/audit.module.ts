import { Global, Module } from '@nestjs/common';
import { CsvDownloads } from '../../common/csv/csv-download';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, CsvDownloads],
  exports: [AuditService],
})
export class AuditModule {}
