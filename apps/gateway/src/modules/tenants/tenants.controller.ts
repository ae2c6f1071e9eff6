import { Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  tenantCreateSchema,
  tenantListQuery,
  tenantUpdateSchema,
  type TenantCreate,
  type TenantListQuery,
  type TenantUpdate,
} from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import { ZodBody, ZodQuery } from '../../common/validation/zod-request.decorator';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { TenantId } from '../../common/decorators/tenant-id.decorator';
import { TenantsService } from './tenants.service';

@ApiTags('tenants')
@Controller('api/admin/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @AdminRoute({ role: 'auditor', summary: 'List the tenants you can see' })
  list(@Ctx() ctx: RequestContext, @ZodQuery(tenantListQuery) query: TenantListQuery) {
    return this.tenants.list(ctx, query);
  }

  @Post()
  @AdminRoute({ role: 'platform_admin', summary: 'Create a tenant (platform admins)' })
  create(@Ctx() ctx: RequestContext, @ZodBody(tenantCreateSchema) body: TenantCreate) {
    return this.tenants.create(ctx, body);
  }

  @Get(':tenantId')
  @AdminRoute({ role: 'auditor', summary: 'Get a tenant' })
  get(@Ctx() ctx: RequestContext, @TenantId() tenantId: string) {
    return this.tenants.get(ctx, tenantId);
  }

  @Patch(':tenantId')
  @AdminRoute({ role: 'tenant_admin', summary: 'Rename a tenant or change its settings' })
  update(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodBody(tenantUpdateSchema) body: TenantUpdate,
  ) {
    return this.tenants.update(ctx, tenantId, body);
  }

  @Delete(':tenantId')
  @HttpCode(204)
  @AdminRoute({
    role: 'platform_admin',
    summary: 'Delete a tenant, its apps, credentials and seat mappings (platform admins)',
  })
  async delete(@Ctx() ctx: RequestContext, @TenantId() tenantId: string): Promise<void> {
    await this.tenants.delete(ctx, tenantId);
  }

  @Post(':tenantId/suspend')
  @HttpCode(200)
  @AdminRoute({
    role: 'platform_admin',
    summary: 'Suspend a tenant: its users can no longer log in (platform admins)',
  })
  suspend(@Ctx() ctx: RequestContext, @TenantId() tenantId: string) {
    return this.tenants.setStatus(ctx, tenantId, 'suspended');
  }

  @Post(':tenantId/resume')
  @HttpCode(200)
  @AdminRoute({ role: 'platform_admin', summary: 'Resume a suspended tenant (platform admins)' })
  resume(@Ctx() ctx: RequestContext, @TenantId() tenantId: string) {
    return this.tenants.setStatus(ctx, tenantId, 'active');
  }
}
