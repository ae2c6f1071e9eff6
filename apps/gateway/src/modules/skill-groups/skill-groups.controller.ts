import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  seatUserIdSchema,
  skillGroupCreateSchema,
  skillGroupMembersAddSchema,
  skillGroupUpdateSchema,
  type SkillGroupCreate,
  type SkillGroupMembersAdd,
  type SkillGroupUpdate,
} from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { TenantId } from '../../common/decorators/tenant-id.decorator';
import { IdPipe } from '../../common/validation/id.pipe';
import { ZodBody } from '../../common/validation/zod-request.decorator';
import { validationError } from '../../common/validation/zod.pipe';
import { SkillGroupIdPipe } from './skill-group-id.pipe';
import { SkillGroupsService } from './skill-groups.service';

const AppId = () => Param('appId', new IdPipe('app_not_found'));
const GroupId = () => Param('skillGroupId', new SkillGroupIdPipe());

@ApiTags('skill groups')
@Controller('api/admin/tenants/:tenantId/apps/:appId/skill-groups')
export class SkillGroupsController {
  constructor(private readonly groups: SkillGroupsService) {}

  @Get()
  @AdminRoute({
    role: 'auditor',
    summary: "The app's TCCC skill groups with their member counts (cached a few seconds)",
  })
  list(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @AppId() appId: string) {
    return this.groups.list(ctx, tenantId, appId);
  }

  @Post()
  @AdminRoute({ role: 'tenant_admin', summary: 'Create a skill group in TCCC (CreateCCCSkillGroup)' })
  create(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @ZodBody(skillGroupCreateSchema) body: SkillGroupCreate,
  ) {
    return this.groups.create(ctx, tenantId, appId, body);
  }

  @Patch(':skillGroupId')
  @AdminRoute({ role: 'tenant_admin', summary: 'Rename a skill group or change its concurrency' })
  update(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @GroupId() skillGroupId: number,
    @ZodBody(skillGroupUpdateSchema) body: SkillGroupUpdate,
  ) {
    return this.groups.update(ctx, tenantId, appId, skillGroupId, body);
  }

  @Delete(':skillGroupId')
  @HttpCode(204)
  @AdminRoute({ role: 'tenant_admin', summary: 'Delete a skill group without members in TCCC' })
  async delete(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @GroupId() skillGroupId: number,
  ): Promise<void> {
    await this.groups.delete(ctx, tenantId, appId, skillGroupId);
  }

  @Get(':skillGroupId/members')
  @AdminRoute({
    role: 'auditor',
    summary: "A skill group's seats with their priority and the business user mapped to each",
  })
  members(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @GroupId() skillGroupId: number,
  ) {
    return this.groups.members(ctx, tenantId, appId, skillGroupId);
  }

  @Post(':skillGroupId/members')
  @HttpCode(200)
  @AdminRoute({ role: 'tenant_admin', summary: 'Bind seats to a skill group at a priority (1–5, default 3)' })
  addMembers(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @GroupId() skillGroupId: number,
    @ZodBody(skillGroupMembersAddSchema) body: SkillGroupMembersAdd,
  ) {
    return this.groups.addMembers(ctx, tenantId, appId, skillGroupId, body);
  }

  @Delete(':skillGroupId/members/:seatId')
  @HttpCode(204)
  @AdminRoute({ role: 'tenant_admin', summary: 'Unbind a seat from a skill group' })
  async removeMember(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @GroupId() skillGroupId: number,
    @Param('seatId') seatId: string,
  ): Promise<void> {
    const parsed = seatUserIdSchema.safeParse(seatId);
    if (!parsed.success) throw validationError(parsed.error);
    await this.groups.removeMember(ctx, tenantId, appId, skillGroupId, parsed.data);
  }
}
