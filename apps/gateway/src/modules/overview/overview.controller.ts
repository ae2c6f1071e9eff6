import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { overviewQuery, type OverviewQuery } from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { ApiZodQuery } from '../../common/validation/api-zod.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { TenantId } from '../tenants/tenants.controller';
import { OverviewService } from './overview.service';

@ApiTags('overview')
@Controller('api/admin/tenants/:tenantId/overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get()
  @AdminRoute(
    "A tenant's logins per UTC day (issued, redeemed, denied, rate-limited), denial reasons, and seats mapped vs. listed by TCCC (upstream=true)",
  )
  @ApiZodQuery(overviewQuery)
  get(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @Query(new ZodPipe(overviewQuery)) query: OverviewQuery,
  ) {
    return this.overview.get(ctx, tenantId, query);
  }
}
