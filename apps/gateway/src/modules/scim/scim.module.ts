// SCIM 2.0 from tenants' identity providers (issue 15): owns scim_tokens, scim_users and scim_state.
// The protocol at /scim/v2 (Users as business users with seats, through the seat lifecycle; Groups
// as the SCIM app's skill groups) and the tenant admin's tokens and status.
import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { AuditModule } from '../audit/audit.module';
import { LimitsModule } from '../limits/limits.module';
import { SeatsModule } from '../seats/seats.module';
import { SkillGroupsModule } from '../skill-groups/skill-groups.module';
import { TenantsModule } from '../tenants/tenants.module';
import { ScimAdminController } from './scim-admin.controller';
import { ScimAdminService } from './scim-admin.service';
import { ScimAuditInterceptor } from './scim-audit.interceptor';
import { ScimAuthGuard } from './scim-auth.guard';
import { ScimGroupsService } from './scim-groups.service';
import { ScimUsersService } from './scim-users.service';
import { ScimController } from './scim.controller';
import { ScimRepository } from './scim.repository';

@Module({
  imports: [AppsModule, AuditModule, LimitsModule, SeatsModule, SkillGroupsModule, TenantsModule],
  controllers: [ScimAdminController, ScimController],
  providers: [
    ScimRepository,
    ScimAdminService,
    ScimUsersService,
    ScimGroupsService,
    ScimAuthGuard,
    ScimAuditInterceptor,
  ],
})
export class ScimModule {}
