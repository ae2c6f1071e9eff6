import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { scimTokenCreateSchema, type ScimTokenCreate } from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { TenantId } from '../../common/decorators/tenant-id.decorator';
import { IdPipe } from '../../common/validation/id.pipe';
import { ZodBody } from '../../common/validation/zod-request.decorator';
import { ScimAdminService } from './scim-admin.service';

@ApiTags('scim')
@Controller('api/admin/tenants/:tenantId/scim')
export class ScimAdminController {
  constructor(private readonly scim: ScimAdminService) {}

  @Get()
  @AdminRoute({
    role: 'auditor',
    summary: "The tenant's SCIM endpoint, settings with defaults, users and last sync",
  })
  status(@Ctx() ctx: RequestContext, @TenantId() tenantId: string) {
    return this.scim.status(ctx, tenantId);
  }

  @Get('tokens')
  @AdminRoute({ role: 'auditor', summary: "The tenant's SCIM tokens (never the tokens themselves)" })
  tokens(@Ctx() ctx: RequestContext, @TenantId() tenantId: string) {
    return this.scim.tokens(ctx, tenantId);
  }

  @Post('tokens')
  @AdminRoute({ role: 'tenant_admin', summary: 'Create a SCIM token: shown in this answer only' })
  createToken(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodBody(scimTokenCreateSchema) body: ScimTokenCreate,
  ) {
    return this.scim.createToken(ctx, tenantId, body);
  }

  @Delete('tokens/:tokenId')
  @HttpCode(204)
  @AdminRoute({ role: 'tenant_admin', summary: 'Revoke a SCIM token at once' })
  async revokeToken(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @Param('tokenId', new IdPipe('scim_token_not_found')) tokenId: string,
  ): Promise<void> {
    await this.scim.revokeToken(ctx, tenantId, tokenId);
  }
}
