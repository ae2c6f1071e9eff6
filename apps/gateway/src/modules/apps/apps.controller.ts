import { Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  appAutoMapQuery,
  appCreateSchema,
  appStaffLookupQuery,
  appStaffQuery,
  appUpdateSchema,
  credentialsRotateSchema,
  pageQuery,
  type AppAutoMapQuery,
  type AppCreate,
  type AppStaffLookupQuery,
  type AppStaffQuery,
  type AppUpdate,
  type CredentialsRotate,
  type PageQuery,
} from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import { ZodBody, ZodQuery } from '../../common/validation/zod-request.decorator';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { IdPipe } from '../../common/validation/id.pipe';
import { TenantId } from '../../common/decorators/tenant-id.decorator';
import { AppsService } from './apps.service';

const AppId = () => Param('appId', new IdPipe('app_not_found'));

@ApiTags('apps')
@Controller('api/admin/tenants/:tenantId/apps')
export class AppsController {
  constructor(private readonly apps: AppsService) {}

  @Get()
  @AdminRoute({ role: 'auditor', summary: "List a tenant's TCCC apps" })
  list(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @ZodQuery(pageQuery) query: PageQuery) {
    return this.apps.list(ctx, tenantId, query);
  }

  @Post()
  @AdminRoute({
    role: 'tenant_admin',
    summary: 'Register a TCCC app (SDKAppID); its credentials are checked against TCCC unless skipCheck',
  })
  create(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodBody(appCreateSchema) body: AppCreate,
  ) {
    return this.apps.create(ctx, tenantId, body);
  }

  @Get(':appId')
  @AdminRoute({ role: 'auditor', summary: 'Get a TCCC app' })
  get(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @AppId() appId: string) {
    return this.apps.get(ctx, tenantId, appId);
  }

  @Patch(':appId')
  @AdminRoute({ role: 'tenant_admin', summary: "Change an app's label, kind, region or status" })
  update(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @ZodBody(appUpdateSchema) body: AppUpdate,
  ) {
    return this.apps.update(ctx, tenantId, appId, body);
  }

  @Put(':appId/credentials')
  @AdminRoute({
    role: 'tenant_admin',
    summary: "Rotate an app's SecretId/SecretKey (checked against TCCC unless skipCheck)",
  })
  rotate(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @ZodBody(credentialsRotateSchema) body: CredentialsRotate,
  ) {
    return this.apps.rotateCredentials(ctx, tenantId, appId, body);
  }

  @Post(':appId/test')
  @HttpCode(200)
  @AdminRoute({
    role: 'tenant_admin',
    summary: "Test the app's credentials against TCCC (DescribeStaffInfoList)",
  })
  test(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @AppId() appId: string) {
    return this.apps.testConnection(ctx, tenantId, appId);
  }

  @Get(':appId/staff')
  @AdminRoute({
    role: 'auditor',
    summary: "The app's TCCC seats, marked mapped / unmapped, and mapped seats missing upstream",
  })
  staff(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @ZodQuery(appStaffQuery) query: AppStaffQuery,
  ) {
    return this.apps.staff(ctx, tenantId, appId, query);
  }

  @Get(':appId/staff/lookup')
  @AdminRoute({
    role: 'auditor',
    summary: 'Whether TCCC lists a seat for the app (from the staff list read in the last 30 s)',
  })
  lookupStaff(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @ZodQuery(appStaffLookupQuery) query: AppStaffLookupQuery,
  ) {
    return this.apps.lookupStaff(ctx, tenantId, appId, query.seatUserId);
  }

  @Get(':appId/staff/auto-map')
  @AdminRoute({
    role: 'auditor',
    summary:
      "Propose mappings of the app's unmapped TCCC seats to known business users, by email or staff number",
  })
  autoMap(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
    @ZodQuery(appAutoMapQuery) query: AppAutoMapQuery,
  ) {
    return this.apps.autoMapPreview(ctx, tenantId, appId, query);
  }

  @Delete(':appId')
  @HttpCode(204)
  @AdminRoute({ role: 'tenant_admin', summary: 'Delete an app, its credentials and its seat mappings' })
  async delete(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @AppId() appId: string,
  ): Promise<void> {
    await this.apps.delete(ctx, tenantId, appId);
  }
}
