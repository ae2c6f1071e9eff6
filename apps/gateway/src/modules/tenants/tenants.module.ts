// Tenants (the tenants table): the admin API, and TenantsService.require, the access check every
// tenant-scoped module runs first. Reads app and seat counts through their owners' directories.
import { Module } from '@nestjs/common';
import { AppDirectoryModule } from '../apps/app-directory.module';
import { AuditModule } from '../audit/audit.module';
import { SeatDirectoryModule } from '../seats/seat-directory.module';
import { TenantDirectoryModule } from './tenant-directory.module';
import { TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';

@Module({
  imports: [AppDirectoryModule, SeatDirectoryModule, AuditModule, TenantDirectoryModule],
  controllers: [TenantsController],
  providers: [TenantsService],
  exports: [TenantsService, TenantDirectoryModule],
})
export class TenantsModule {}
