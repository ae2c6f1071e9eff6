// Owns the tenants table's repository and the TenantDirectory other modules read tenant names
// through. A module of its own so that audit, which TenantsModule depends on, can use it too.
// TenantStatusEvents tells other modules of a suspension or resume.
// TenantsRepository is exported for TenantsModule only (lint keeps other modules from importing it).
import { Module } from '@nestjs/common';
import { TenantDirectory } from './tenant-directory';
import { TenantStatusEvents } from './tenant-status-events';
import { TenantsRepository } from './tenants.repository';

@Module({
  providers: [TenantsRepository, TenantDirectory, TenantStatusEvents],
  exports: [TenantDirectory, TenantsRepository, TenantStatusEvents],
})
export class TenantDirectoryModule {}
