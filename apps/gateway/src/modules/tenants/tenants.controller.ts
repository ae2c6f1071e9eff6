import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { ApiZodBody, ApiZodQuery } from '../../common/validation/api-zod.decorator';
import { IdPipe } from '../../common/validation/id.pipe';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { TenantsService } from './tenants.service';

export const TenantId = () => Param('tenantId', new IdPipe('tenant_not_found'));

@ApiTags('tenants')
@Controller('api/admin/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @AdminRoute('List the tenants you can see')
  @ApiZodQuery(tenantListQuery)
  list(@Ctx() ctx: RequestContext, @Query(new ZodPipe(tenantListQuery)) query: TenantListQuery) {
    return this.tenants.list(ctx, query);
  }

  @Post()
  @AdminRoute('Create a tenant (platform admins)')
  @ApiZodBody(tenantCreateSchema)
  create(@Ctx() ctx: RequestContext, @Body(new ZodPipe(tenantCreateSchema)) body: TenantCreate) {
    return this.tenants.create(ctx, body);
  }

  @Get(':tenantId')
  @AdminRoute('Get a tenant')
  get(@Ctx() ctx: RequestContext, @TenantId() tenantId: string) {
    return this.tenants.get(ctx, tenantId);
  }

  @Patch(':tenantId')
  @AdminRoute('Rename a tenant or change its settings')
  @ApiZodBody(tenantUpdateSchema)
  update(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @Body(new ZodPipe(tenantUpdateSchema)) body: TenantUpdate,
  ) {
    return this.tenants.update(ctx, tenantId, body);
  }

  @Delete(':tenantId')
  @HttpCode(204)
  @AdminRoute('Delete a tenant, its apps, credentials and seat mappings (platform admins)')
  async delete(@Ctx() ctx: RequestContext, @TenantId() tenantId: string): Promise<void> {
    await this.tenants.delete(ctx, tenantId);
  }

  @Post(':tenantId/suspend')
  @HttpCode(200)
  @AdminRoute('Suspend a tenant: its users can no longer log in (platform admins)')
  suspend(@Ctx() ctx: RequestContext, @TenantId() tenantId: string) {
    return this.tenants.setStatus(ctx, tenantId, 'suspended');
  }

  @Post(':tenantId/resume')
  @HttpCode(200)
  @AdminRoute('Resume a suspended tenant (platform admins)')
  resume(@Ctx() ctx: RequestContext, @TenantId() tenantId: string) {
    return this.tenants.setStatus(ctx, tenantId, 'active');
  }
}
