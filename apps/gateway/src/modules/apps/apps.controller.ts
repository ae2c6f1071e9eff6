import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  appCreateSchema,
  appUpdateSchema,
  credentialsSchema,
  pageQuery,
  type AppCreate,
  type AppUpdate,
  type Credentials,
  type PageQuery,
} from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { ApiZodBody, ApiZodQuery } from '../../common/validation/api-zod.decorator';
import { IdPipe } from '../../common/validation/id.pipe';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { TenantId } from '../tenants/tenants.controller';
import { AppsService } from './apps.service';

const AppId = () => Param('appId', new IdPipe('app_not_found'));

@ApiTags('apps')
@Controller('api/admin/tenants/:tenantId/apps')
export class AppsController {
  constructor(private readonly apps: AppsService) {}

  @Get()
  @AdminRoute("List a tenant's TCCC apps")
  @ApiZodQuery(pageQuery)
  list(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @Query(new ZodPipe(pageQuery)) query: PageQuery,
  ) {
    return this.apps.list(ctx, tenantId, query);
  }

  @Post()
  @AdminRoute('Register a TCCC app (SDKAppID) with its credentials')
  @ApiZodBody(appCreateSchema)
  create(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @Body(new ZodPipe(appCreateSchema)) body: AppCreate,
  ) {
    return this.apps.create(ctx, tenantId, body);
  }

  @Get(':appId')
  @AdminRoute('Get a TCCC app')
  get(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @AppId() appId: string) {
    return this.apps.get(ctx, tenantId, appId);
  }

  @Patch(':appId')
  @AdminRoute("Change an app's label, kind, region or status")
  @ApiZodBody(appUpdateSchema)
  update(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @Body(new ZodPipe(appUpdateSchema)) body: AppUpdate,
  ) {
    return this.apps.update(ctx, tenantId, appId, body);
  }

  @Put(':appId/credentials')
  @AdminRoute("Rotate an app's SecretId/SecretKey")
  @ApiZodBody(credentialsSchema)
  rotate(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @Body(new ZodPipe(credentialsSchema)) body: Credentials,
  ) {
    return this.apps.rotateCredentials(ctx, tenantId, appId, body);
  }

  @Post(':appId/test')
  @HttpCode(200)
  @AdminRoute("Test the app's credentials against TCCC (DescribeStaffInfoList)")
  test(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @AppId() appId: string) {
    return this.apps.testConnection(ctx, tenantId, appId);
  }

  @Get(':appId/staff')
  @AdminRoute("The app's TCCC seats, marked mapped / unmapped, and mapped seats missing upstream")
  staff(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @AppId() appId: string) {
    return this.apps.staff(ctx, tenantId, appId);
  }

  @Delete(':appId')
  @HttpCode(204)
  @AdminRoute('Delete an app, its credentials and its seat mappings')
  async delete(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
  ): Promise<void> {
    await this.apps.delete(ctx, tenantId, appId);
  }
}
