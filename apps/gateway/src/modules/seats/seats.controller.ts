import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  seatCreateSchema,
  seatListQuery,
  seatUpdateSchema,
  type SeatCreate,
  type SeatListQuery,
  type SeatUpdate,
} from '@seatgate/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppConfig } from '../../config/app-config';
import type { RequestContext } from '../../common/context/request-context';
import { CsvDownloads } from '../../common/csv/csv-download';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { ApiZodBody, ApiZodQuery } from '../../common/validation/api-zod.decorator';
import { IdPipe } from '../../common/validation/id.pipe';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { TenantId } from '../tenants/tenants.controller';
import { csvStream } from './csv-upload';
import { SeatsService } from './seats.service';

const SeatId = () => Param('seatId', new IdPipe('seat_not_found'));
const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

@ApiTags('seats')
@Controller('api/admin/tenants/:tenantId/seats')
export class SeatsController {
  constructor(
    private readonly seats: SeatsService,
    private readonly config: AppConfig,
    private readonly csv: CsvDownloads,
  ) {}

  @Get()
  @AdminRoute("List a tenant's seat mappings, newest first")
  @ApiZodQuery(seatListQuery)
  list(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @Query(new ZodPipe(seatListQuery)) query: SeatListQuery,
  ) {
    return this.seats.list(ctx, tenantId, query);
  }

  @Post()
  @AdminRoute('Map a business user to a seat of one of the tenant apps')
  @ApiZodBody(seatCreateSchema)
  create(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @Body(new ZodPipe(seatCreateSchema)) body: SeatCreate,
  ) {
    return this.seats.create(ctx, tenantId, body);
  }

  @Post('import')
  @HttpCode(200)
  @AdminRoute('Import mappings from CSV (businessUserId,sdkAppId,seatUserId,displayName); all or nothing')
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiZodQuery(importQuery)
  import(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @Query(new ZodPipe(importQuery)) query: z.infer<typeof importQuery>,
    @Req() req: Request,
  ) {
    return this.seats.import(ctx, tenantId, () => csvStream(req, this.config.importMaxBytes), query);
  }

  @Get('export')
  @AdminRoute('Export mappings as CSV')
  @ApiZodQuery(seatListQuery)
  async export(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @Query(new ZodPipe(seatListQuery)) query: SeatListQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.csv.send(req, res, await this.seats.export(ctx, tenantId, query));
  }

  @Get(':seatId')
  @AdminRoute('Get a seat mapping')
  get(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @SeatId() seatId: string) {
    return this.seats.get(ctx, tenantId, seatId);
  }

  @Patch(':seatId')
  @AdminRoute('Change, enable or disable a seat mapping')
  @ApiZodBody(seatUpdateSchema)
  update(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @SeatId() seatId: string,
    @Body(new ZodPipe(seatUpdateSchema)) body: SeatUpdate,
  ) {
    return this.seats.update(ctx, tenantId, seatId, body);
  }

  @Delete(':seatId')
  @HttpCode(204)
  @AdminRoute('Delete a seat mapping')
  async delete(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @SeatId() seatId: string,
  ): Promise<void> {
    await this.seats.delete(ctx, tenantId, seatId);
  }
}
