import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  overviewLicencesQuery,
  overviewQuery,
  type OverviewLicencesQuery,
  type OverviewQuery,
} from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import { ZodQuery } from '../../common/validation/zod-request.decorator';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { TenantId } from '../../common/decorators/tenant-id.decorator';
import { OverviewLicencesService } from './overview-licences.service';
import { OverviewService } from './overview.service';

@ApiTags('overview')
@Controller('api/admin/tenants/:tenantId/overview')
export class OverviewController {
  constructor(
    private readonly overview: OverviewService,
    private readonly licences: OverviewLicencesService,
  ) {}

  @Get()
  @AdminRoute({
    role: 'auditor',
    summary:
      "A tenant's logins per UTC day (issued, redeemed, denied, rate-limited), denial reasons, and seats mapped vs. listed by TCCC (upstream=true)",
  })
  get(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodQuery(overviewQuery) query: OverviewQuery,
  ) {
    return this.overview.get(ctx, tenantId, query);
  }

  @Get('licences')
  @AdminRoute({
    role: 'auditor',
    summary:
      'Licences per app: bought and still valid (DescribeCCCBuyInfoList, with end dates), seats in TCCC, mapped in Seatgate; cached, refresh=true asks TCCC again',
  })
  licencesOf(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodQuery(overviewLicencesQuery) query: OverviewLicencesQuery,
  ) {
    return this.licences.get(ctx, tenantId, query);
  }
}
