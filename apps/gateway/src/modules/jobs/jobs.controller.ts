import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { RequestContext } from '../../common/context/request-context';
import { CsvDownloads } from '../../common/csv/csv-download';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { TenantId } from '../../common/decorators/tenant-id.decorator';
import { IdPipe } from '../../common/validation/id.pipe';
import { XlsxDownloads } from '../../common/csv/xlsx-download';
import { ZodQuery } from '../../common/validation/zod-request.decorator';
import {
  jobRowsDownloadQuery,
  jobRowsQuery,
  type JobRowsDownloadQuery,
  type JobRowsQuery,
} from '@seatgate/contracts';
import { JobsService } from './jobs.service';

const JobId = () => Param('jobId', new IdPipe('not_found'));

@ApiTags('jobs')
@Controller('api/admin/tenants/:tenantId/jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly csv: CsvDownloads,
    private readonly xlsx: XlsxDownloads,
  ) {}

  @Get()
  @AdminRoute({ role: 'auditor', summary: "The tenant's latest jobs, with progress and counts per outcome" })
  list(@Ctx() ctx: RequestContext, @TenantId() tenantId: string) {
    return this.jobs.list(ctx, tenantId);
  }

  @Get(':jobId')
  @AdminRoute({ role: 'auditor', summary: 'One job, with progress and counts per outcome' })
  get(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @JobId() jobId: string) {
    return this.jobs.get(ctx, tenantId, jobId);
  }

  @Get(':jobId/lines')
  @AdminRoute({
    role: 'auditor',
    summary: "A page of a job's lines with their outcomes, filtered by outcome",
  })
  lines(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @JobId() jobId: string,
    @ZodQuery(jobRowsQuery) query: JobRowsQuery,
  ) {
    return this.jobs.rows(ctx, tenantId, jobId, query);
  }

  @Get(':jobId/rows')
  @AdminRoute({ role: 'auditor', summary: "A job's lines with their outcomes, as CSV (outcome= filters)" })
  async rows(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @JobId() jobId: string,
    @ZodQuery(jobRowsDownloadQuery) query: JobRowsDownloadQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.csv.send(req, res, await this.jobs.rowsCsv(ctx, tenantId, jobId, query.outcome));
  }

  @Get(':jobId/rows/xlsx')
  @AdminRoute({ role: 'auditor', summary: "A job's lines with their outcomes, as an Excel workbook (.xlsx)" })
  async rowsXlsx(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @JobId() jobId: string,
    @ZodQuery(jobRowsDownloadQuery) query: JobRowsDownloadQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.xlsx.send(req, res, await this.jobs.rowsCsv(ctx, tenantId, jobId, query.outcome), 'lines');
  }
}
