// Admin accounts (the admin_users and admin_user_tenants tables): the platform admins' API, and
// AdminUserDirectory for sign-in (modules/auth).
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AdminUserDirectory } from './admin-user-directory';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TenantsModule, AuditModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, AdminUserDirectory],
  exports: [UsersService, AdminUserDirectory],
})
export class UsersModule {}
