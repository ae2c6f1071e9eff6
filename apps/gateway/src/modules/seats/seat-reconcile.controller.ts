import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { reconcileApplySchema, type ReconcileApply } from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { TenantId } from '../../common/decorators/tenant-id.decorator';
import { IdPipe } from '../../common/validation/id.pipe';
import { ZodBody } from '../../common/validation/zod-request.decorator';
import { SeatReconcileService } from './seat-reconcile.service';

@ApiTags('seat lifecycle')
@Controller('api/admin/tenants/:tenantId/apps/:appId/reconcile-plan')
export class SeatReconcileController {
  constructor(private readonly reconcile: SeatReconcileService) {}

  @Get()
  @AdminRoute({
    role: 'auditor',
    summary: "The app's reconcile plan: seats to create, adopt, delete or unmap, each with its reason",
  })
  plan(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @Param('appId', new IdPipe('app_not_found')) appId: string,
  ) {
    return this.reconcile.plan(ctx, tenantId, appId);
  }

  @Post('apply')
  @HttpCode(202)
  @AdminRoute({
    role: 'tenant_admin',
    summary: 'Apply the chosen lines of the previewed plan as a job (a stale plan is refused)',
  })
  apply(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @Param('appId', new IdPipe('app_not_found')) appId: string,
    @ZodBody(reconcileApplySchema) body: ReconcileApply,
  ) {
    return this.reconcile.apply(ctx, tenantId, appId, body);
  }
}
