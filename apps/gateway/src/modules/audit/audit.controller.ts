import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { auditListQuery, auditVerifyQuery, type AuditListQuery } from '@seatgate/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CsvDownloads } from '../../common/csv/csv-download';
import { ZodQuery } from '../../common/validation/zod-request.decorator';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import type { RequestContext } from '../../common/context/request-context';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('api/admin/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly csv: CsvDownloads,
  ) {}

  @Get()
  @AdminRoute({ role: 'auditor', summary: 'List audit events, newest first' })
  list(@Ctx() ctx: RequestContext, @ZodQuery(auditListQuery) query: AuditListQuery) {
    return this.audit.list(ctx, query);
  }

  @Get('export')
  @AdminRoute({ role: 'auditor', summary: 'Export audit events as CSV' })
  export(
    @Ctx() ctx: RequestContext,
    @ZodQuery(auditListQuery) query: AuditListQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.csv.send(req, res, this.audit.export(ctx, query));
  }

  @Get('verify')
  @AdminRoute({ role: 'auditor', summary: 'Verify the hash chains of the audit trail' })
  verify(@Ctx() ctx: RequestContext, @ZodQuery(auditVerifyQuery) query: z.infer<typeof auditVerifyQuery>) {
    return this.audit.verify(ctx, query.tenantId);
  }
}
