// An app's skill groups in TCCC (issue 15): the admin API and, for SCIM groups, SkillGroupsService.
// Owns no table: TCCC holds the groups and their members.
import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { AuditModule } from '../audit/audit.module';
import { CacheModule } from '../cache/cache.module';
import { SeatDirectoryModule } from '../seats/seat-directory.module';
import { TcccModule } from '../tccc/tccc.module';
import { TenantsModule } from '../tenants/tenants.module';
import { SkillGroupsController } from './skill-groups.controller';
import { SkillGroupsService } from './skill-groups.service';

@Module({
  imports: [AppsModule, AuditModule, CacheModule, SeatDirectoryModule, TcccModule, TenantsModule],
  controllers: [SkillGroupsController],
  providers: [SkillGroupsService],
  exports: [SkillGroupsService],
})
export class SkillGroupsModule {}
