// A tenant's TCCC apps and their encrypted credentials (the tccc_apps table, through
// AppDirectoryModule): the admin API, the connection test and staff view, and the credentials'
// pass of master-key rotation. Exports AppsService (secretsOf, rewrapAllCredentials) and, through
// AppDirectoryModule, AppDirectory.
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CacheModule } from '../cache/cache.module';
import { SeatDirectoryModule } from '../seats/seat-directory.module';
import { TcccModule } from '../tccc/tccc.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AppDirectoryModule } from './app-directory.module';
import { AppsController } from './apps.controller';
import { AppsService } from './apps.service';
import { StaffListCache } from './staff-list-cache';

@Module({
  imports: [AppDirectoryModule, CacheModule, SeatDirectoryModule, TenantsModule, AuditModule, TcccModule],
  controllers: [AppsController],
  providers: [AppsService, StaffListCache],
  exports: [AppsService, AppDirectoryModule],
})
export class AppsModule {}
