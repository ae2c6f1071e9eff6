import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { auditListQuery, auditVerifyQuery, type AuditListQuery } from '@seatgate/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CsvDownloads } from '../../common/csv/csv-download';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import type { RequestContext } from '../../common/context/request-context';
import { ApiZodQuery } from '../../common/validation/api-zod.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('api/admin/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly csv: CsvDownloads,
  ) {}

  @Get()
  @AdminRoute('List audit events, newest first')
  @ApiZodQuery(auditListQuery)
  list(@Ctx() ctx: RequestContext, @Query(new ZodPipe(auditListQuery)) query: AuditListQuery) {
    return this.audit.list(ctx, query);
  }

  @Get('export')
  @AdminRoute('Export audit events as CSV')
  @ApiZodQuery(auditListQuery)
  export(
    @Ctx() ctx: RequestContext,
    @Query(new ZodPipe(auditListQuery)) query: AuditListQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.csv.send(req, res, this.audit.export(ctx, query));
  }

  @Get('verify')
  @AdminRoute('Verify the hash chains of the audit trail')
  @ApiZodQuery(auditVerifyQuery)
  verify(
    @Ctx() ctx: RequestContext,
    @Query(new ZodPipe(auditVerifyQuery)) query: z.infer<typeof auditVerifyQuery>,
  ) {
    return this.audit.verify(ctx, query.tenantId);
  }
}
