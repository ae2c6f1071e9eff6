import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  presenceHistoryQuery,
  seatSignOutSchema,
  sessionListQuery,
  usageQuery,
  type PresenceHistoryQuery,
  type SeatSignOut,
  type SessionListQuery,
  type UsageQuery,
} from '@seatgate/contracts';
import type { Request, Response } from 'express';
import { CsvDownloads } from '../../common/csv/csv-download';
import type { RequestContext } from '../../common/context/request-context';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { TenantId } from '../../common/decorators/tenant-id.decorator';
import { IdPipe } from '../../common/validation/id.pipe';
import { ZodBody, ZodQuery } from '../../common/validation/zod-request.decorator';
import { SessionsService } from './sessions.service';
import { UsageService } from './usage.service';

const SeatId = () => Param('seatId', new IdPipe('seat_not_found'));

@ApiTags('sessions')
@Controller('api/admin/tenants/:tenantId')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly usage: UsageService,
    private readonly csv: CsvDownloads,
  ) {}

  @Get('sessions')
  @AdminRoute({
    role: 'auditor',
    summary: "Each mapped seat's TCCC status and clients, and its user's last login (cached a few seconds)",
  })
  list(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodQuery(sessionListQuery) query: SessionListQuery,
  ) {
    return this.sessions.list(ctx, tenantId, query);
  }

  @Get('sessions/:seatId/history')
  @AdminRoute({
    role: 'auditor',
    summary: "A seat's status changes seen, newest first (the tenant's retention)",
  })
  history(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @SeatId() seatId: string,
    @ZodQuery(presenceHistoryQuery) query: PresenceHistoryQuery,
  ) {
    return this.sessions.historyOf(ctx, tenantId, seatId, query);
  }

  @Get('usage')
  @AdminRoute({
    role: 'auditor',
    summary:
      "Usage per day of the tenant's time zone: online hours per seat and in all, logins issued, refused logins by reason",
  })
  usageOf(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @ZodQuery(usageQuery) query: UsageQuery) {
    return this.usage.usage(ctx, tenantId, query);
  }

  @Get('usage/export')
  @AdminRoute({ role: 'auditor', summary: 'Usage as CSV (UTF-8 with BOM): one row per figure' })
  async exportUsage(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodQuery(usageQuery) query: UsageQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.csv.send(req, res, await this.usage.export(ctx, tenantId, query));
  }

  @Post('seats/:seatId/sign-out')
  @HttpCode(200)
  @AdminRoute({
    role: 'tenant_admin',
    summary:
      'Sign a seat out (ForceMemberOffline): its logins are refused with seat_signed_out until restored',
  })
  signOut(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @SeatId() seatId: string,
    @ZodBody(seatSignOutSchema) body: SeatSignOut,
  ) {
    return this.sessions.signOut(ctx, tenantId, seatId, body);
  }

  @Post('seats/:seatId/restore')
  @HttpCode(200)
  @AdminRoute({ role: 'tenant_admin', summary: 'Restore a signed-out seat (RestoreMemberOnline)' })
  restore(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @SeatId() seatId: string,
    @ZodBody(seatSignOutSchema) body: SeatSignOut,
  ) {
    return this.sessions.restore(ctx, tenantId, seatId, body);
  }
}
