// The audit trail (audit_events and the chain heads, audit_chain_heads): appends inside the
// caller's transaction, the audit API (tenant names through TenantDirectory), and the per-day counts the overview reads.
import { Module } from '@nestjs/common';
import { CsvDownloads } from '../../common/csv/csv-download';
import { TenantDirectoryModule } from '../tenants/tenant-directory.module';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Module({
  imports: [TenantDirectoryModule],
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, CsvDownloads],
  exports: [AuditService],
})
export class AuditModule {}
