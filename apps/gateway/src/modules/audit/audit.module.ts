// The audit trail (audit_events and the chain heads, audit_chain_heads): appends inside the
// caller's transaction, the audit API, and the per-day counts the overview reads. Still global:
// limits' BusinessAuthFailures audits, and modules/limits (login slice) does not import it yet.
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
