import { Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  seatBulkSchema,
  seatCreateSchema,
  seatListQuery,
  seatImportQuery,
  seatUpdateSchema,
  type SeatBulk,
  type SeatCreate,
  type SeatImportQuery,
  type SeatListQuery,
  type SeatUpdate,
} from '@seatgate/contracts';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import type { RequestContext } from '../../common/context/request-context';
import { CsvDownloads } from '../../common/csv/csv-download';
import { XlsxDownloads } from '../../common/csv/xlsx-download';
import { ZodBody, ZodQuery } from '../../common/validation/zod-request.decorator';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { IdPipe } from '../../common/validation/id.pipe';
import { TenantId } from '../../common/decorators/tenant-id.decorator';
import { csvStream } from './csv-upload';
import { SeatExportService } from './seat-export.service';
import { SeatImportService } from './seat-import.service';
import { SeatsService } from './seats.service';

const SeatId = () => Param('seatId', new IdPipe('seat_not_found'));
@ApiTags('seats')
@Controller('api/admin/tenants/:tenantId/seats')
export class SeatsController {
  constructor(
    private readonly seats: SeatsService,
    private readonly seatImport: SeatImportService,
    private readonly seatExport: SeatExportService,
    private readonly config: AppConfig,
    private readonly csv: CsvDownloads,
    private readonly xlsx: XlsxDownloads,
  ) {}

  @Get()
  @AdminRoute({
    role: 'auditor',
    summary: "List a tenant's seat mappings: sorted (newest first by default), with the matching total",
  })
  list(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodQuery(seatListQuery) query: SeatListQuery,
  ) {
    return this.seats.list(ctx, tenantId, query);
  }

  @Post()
  @AdminRoute({ role: 'tenant_admin', summary: 'Map a business user to a seat of one of the tenant apps' })
  create(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodBody(seatCreateSchema) body: SeatCreate,
  ) {
    return this.seats.create(ctx, tenantId, body);
  }

  @Post('bulk')
  @HttpCode(200)
  @AdminRoute({
    role: 'tenant_admin',
    summary: 'Disable, enable or delete selected mappings, or all matching a filter, in one transaction',
  })
  bulk(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @ZodBody(seatBulkSchema) body: SeatBulk) {
    return this.seats.bulk(ctx, tenantId, body);
  }

  @Post('import')
  @HttpCode(200)
  @AdminRoute({
    role: 'tenant_admin',
    summary:
      'Import mappings from CSV (businessUserId,sdkAppId,seatUserId,displayName): all or nothing, or the valid rows only with skipInvalid=true',
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  import(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodQuery(seatImportQuery) query: SeatImportQuery,
    @Req() req: Request,
  ) {
    return this.seatImport.import(ctx, tenantId, () => csvStream(req, this.config.importMaxBytes), query);
  }

  @Get('export')
  @AdminRoute({ role: 'auditor', summary: 'Export mappings as CSV' })
  async export(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodQuery(seatListQuery) query: SeatListQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.csv.send(req, res, await this.seatExport.export(ctx, tenantId, query));
  }

  @Get('export/xlsx')
  @AdminRoute({ role: 'auditor', summary: 'Export mappings as an Excel workbook (.xlsx), the CSV columns' })
  async exportXlsx(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodQuery(seatListQuery) query: SeatListQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.xlsx.send(req, res, await this.seatExport.export(ctx, tenantId, query), 'seats');
  }

  @Get(':seatId')
  @AdminRoute({ role: 'auditor', summary: 'Get a seat mapping' })
  get(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @SeatId() seatId: string) {
    return this.seats.get(ctx, tenantId, seatId);
  }

  @Patch(':seatId')
  @AdminRoute({ role: 'tenant_admin', summary: 'Change, enable or disable a seat mapping' })
  update(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @SeatId() seatId: string,
    @ZodBody(seatUpdateSchema) body: SeatUpdate,
  ) {
    return this.seats.update(ctx, tenantId, seatId, body);
  }

  @Delete(':seatId')
  @HttpCode(204)
  @AdminRoute({ role: 'tenant_admin', summary: 'Delete a seat mapping' })
  async delete(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @SeatId() seatId: string,
  ): Promise<void> {
    await this.seats.delete(ctx, tenantId, seatId);
  }
}
