import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  businessUserIdSchema,
  offboardSchema,
  provisionJobSchema,
  type OffboardRequest,
  type ProvisionJobRequest,
} from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { TenantId } from '../../common/decorators/tenant-id.decorator';
import { ZodBody } from '../../common/validation/zod-request.decorator';
import { validationError } from '../../common/validation/zod.pipe';
import { SeatLifecycleService } from './seat-lifecycle.service';

@ApiTags('seat lifecycle')
@Controller('api/admin/tenants/:tenantId')
export class SeatLifecycleController {
  constructor(private readonly lifecycle: SeatLifecycleService) {}

  @Post('seats/provision')
  @HttpCode(202)
  @AdminRoute({
    role: 'tenant_admin',
    summary: "Create these users' seats in TCCC and map them, as a job (licences checked first)",
  })
  provision(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodBody(provisionJobSchema) body: ProvisionJobRequest,
  ) {
    return this.lifecycle.startProvisioning(ctx, tenantId, body);
  }

  @Post('business-users/:businessUserId/offboard')
  @HttpCode(202)
  @AdminRoute({
    role: 'tenant_admin',
    summary: 'Offboard a business user: logins refused at once, then its seats deleted or unmapped as a job',
  })
  offboard(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @Param('businessUserId') businessUserId: string,
    @ZodBody(offboardSchema) body: OffboardRequest,
  ) {
    const parsed = businessUserIdSchema.safeParse(businessUserId);
    if (!parsed.success) throw validationError(parsed.error);
    return this.lifecycle.offboard(ctx, tenantId, parsed.data, body);
  }
}
